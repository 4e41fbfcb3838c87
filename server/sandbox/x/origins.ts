/** The hosts X clients call; requests to them are pointed at the sandbox. */
export const X_PLATFORM_ORIGINS = [
  "https://api.x.com",
  "https://upload.x.com",
  "https://api.twitter.com",
  "https://upload.twitter.com",
];
