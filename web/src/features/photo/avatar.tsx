import { useState } from 'react';
import './photo.css';

/**
 * "JB" for "Johanna van der Berg": the first letter of the first and of the last word, so that a
 * tussenvoegsel ("van der") never gives the initial. One letter for a one-word name.
 */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase('nl-NL');
}

export interface AvatarProps {
  /** The person's full name: gives the initials, and the alt text when `alt` is not given. */
  name: string;
  photoUrl?: string | null;
  size: 'small' | 'large';
  /**
   * Where the name is written right beside the avatar (the portal bar, a button that says what
   * it does) the picture adds nothing for a screen reader: pass alt="" to keep it silent.
   */
  alt?: string;
}

/** A person's profile photo in a circle, or their initials in a circle when there is no photo (R30). */
export function Avatar({ name, photoUrl, size, alt }: AvatarProps) {
  const className = `avatar avatar-${size}`;
  // A photo that cannot be loaded (removed in another tab, say) shows the initials, not a broken image.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (photoUrl && photoUrl !== failedUrl) {
    return (
      <img
        className={className}
        src={photoUrl}
        alt={alt ?? name}
        width={512}
        height={512}
        onError={() => setFailedUrl(photoUrl)}
      />
    );
  }
  const silent = alt === '';
  return (
    <span
      className={`${className} avatar-initials`}
      role={silent ? undefined : 'img'}
      aria-label={silent ? undefined : (alt ?? name)}
      aria-hidden={silent || undefined}
    >
      {initialsOf(name)}
    </span>
  );
}
