/** The password rules pages show (the check itself is app/auth/password.server.ts). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_HINT = `Between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters, any characters. Three or four random words are easy to remember and hard to guess.`;
