import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Disclosure, DisclosurePanel } from 'react-aria-components';

/** The first field of an open panel; the hidden username field for password managers is skipped. */
const firstField = (panel: HTMLElement | null) =>
  panel?.querySelector<HTMLElement>('input:not([type="hidden"]):not([hidden]), textarea');

/**
 * Open/closed state of a change form on Mijn gegevens, with the focus moves that go with it:
 * opening moves focus to the first field, "Annuleren" gives it back to the button. After a
 * success the section closes the form and moves focus to its own message. The moves are counted
 * requests that `ChangeDisclosure` carries out once React has drawn the change.
 */
export function useChangeDisclosure({ onOpen }: { onOpen?: () => void } = {}) {
  const [isExpanded, setExpanded] = useState(false);
  const [fieldFocus, setFieldFocus] = useState(0);
  const [triggerFocus, setTriggerFocus] = useState(0);

  const focusFirstField = () => setFieldFocus((n) => n + 1);
  const open = () => {
    // A message of the last change is not about the new one.
    onOpen?.();
    setExpanded(true);
    focusFirstField();
  };
  return {
    isExpanded,
    fieldFocus,
    triggerFocus,
    open,
    /** Opens without moving focus: a step in progress found when the page loads. */
    show: () => setExpanded(true),
    /** Closes after a success; the section moves focus to its message. */
    close: () => setExpanded(false),
    /** "Annuleren": closes and gives focus back to the button that opened the form. */
    cancel: () => {
      setExpanded(false);
      setTriggerFocus((n) => n + 1);
    },
    focusFirstField,
    onExpandedChange: (next: boolean) => (next ? open() : setExpanded(false)),
  };
}

export type ChangeDisclosureState = ReturnType<typeof useChangeDisclosure>;

/**
 * A section whose heading is the button that opens its form in place (the page showed four forms
 * at once, 6800 px on a phone). What must stay visible while the form is closed (a message, a
 * change that waits for a mail) goes in `visible`.
 */
export function ChangeDisclosure({
  id,
  title,
  state,
  visible,
  children,
}: {
  id: string;
  title: string;
  state: ChangeDisclosureState;
  visible?: ReactNode;
  children: ReactNode;
}) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { isExpanded, onExpandedChange, fieldFocus, triggerFocus } = state;

  // Effects run after the disclosure has removed the panel's `hidden` (a layout effect).
  useEffect(() => {
    if (fieldFocus > 0) firstField(panelRef.current)?.focus();
  }, [fieldFocus]);
  useEffect(() => {
    if (triggerFocus > 0) triggerRef.current?.focus();
  }, [triggerFocus]);

  return (
    <section className="section change-section" aria-labelledby={id}>
      <Disclosure isExpanded={isExpanded} onExpandedChange={onExpandedChange}>
        <h2 id={id} className="change-heading">
          <Button slot="trigger" ref={triggerRef} className="button change-trigger">
            <span>{title}</span>
            <Chevron />
          </Button>
        </h2>
        {visible}
        <DisclosurePanel ref={panelRef} className="change-panel">
          {children}
        </DisclosurePanel>
      </Disclosure>
    </section>
  );
}

function Chevron() {
  return (
    <svg
      className="change-chevron"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="m6 9 6 6 6-6" />
    </svg>
  );
}
