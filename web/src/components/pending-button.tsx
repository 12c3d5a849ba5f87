import { Button, type ButtonProps } from 'react-aria-components';

export type PendingButtonProps = Omit<ButtonProps, 'className' | 'isPending'> & {
  className: string;
  /** Busy: the button keeps its focus, refuses presses and says so in its (changed) text. */
  isPending?: boolean;
};

/**
 * A button that shows that it is busy. React Aria's own `isPending` announces the state through a
 * shared live region that points at the button by id; when the next step then replaces the form,
 * that region points at nothing for seven seconds, which axe rightly reports (role-img-alt). Here
 * the button's own text says what is happening ("Bezig met inloggen…"), and presses wait.
 */
export function PendingButton({ isPending = false, className, type, onPress, ...props }: PendingButtonProps) {
  return (
    <Button
      {...props}
      // Like React Aria: Enter in a field must not send the form a second time.
      type={isPending && type === 'submit' ? 'button' : type}
      className={isPending ? `${className} is-pending` : className}
      aria-disabled={isPending || undefined}
      onPress={isPending ? undefined : onPress}
    />
  );
}
