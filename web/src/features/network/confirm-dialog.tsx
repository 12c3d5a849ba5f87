import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { PendingButton } from '../../components/pending-button';

/**
 * A question that must be answered before something weighty happens (granting the dossier right,
 * removing a person). Focus moves into the window and back to where it came from; Escape and the
 * "no" button both cancel. A click beside the window does nothing: with shaky hands that click is
 * more often a slip than a choice.
 */
export function ConfirmDialog({
  isOpen,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  danger = false,
  isPending = false,
}: {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  isPending?: boolean;
}) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) onCancel();
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          {children}
          <div className="button-row dialog-buttons">
            <PendingButton
              className={danger ? 'button button-danger' : 'button button-primary'}
              onPress={onConfirm}
              isPending={isPending}
            >
              {confirmLabel}
            </PendingButton>
            <Button className="button button-secondary" onPress={onCancel}>
              {cancelLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
