/** What a photo upload may be; shared by the server's checks and the form's `accept`. */
export const photoMaxBytes = 5 * 1024 * 1024;
export const photoTypes = ["image/jpeg", "image/png", "image/webp"] as const;
