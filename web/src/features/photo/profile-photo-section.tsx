/** The person's profile photo on Mijn gegevens (R30): being built (issue 4). */
export function ProfilePhotoSection() {
  return null;
}
