/** The auth door: sessions, guards, accounts, tokens. Nothing outside this folder imports lucia. */
export {
  changePassword,
  checkPassword,
  inviteImportedUsers,
  inviteUser,
  logIn,
  logOut,
  requestPasswordReset,
  requestRegistration,
  setPasswordWithToken,
  setUserActive,
  setUserLocale,
  digestRoles,
  getMailDigest,
  setMailDigest,
  type LoginResult,
  type MailRequestResult,
} from "./accounts.server";
export {
  getUser,
  getUserSession,
  homePathFor,
  requireAnonymous,
  requireApiUser,
  requireRole,
  requireSameOrigin,
  requireUser,
  requireUserSession,
  type SessionUser,
} from "./guards.server";
export { forgetAddress, rateRules } from "./rate-limit.server";
export { hashPassword } from "./password.server";
export { authenticateApiToken, createApiToken, getPasswordTokenPurpose, listApiTokens, revokeApiToken } from "./tokens.server";
export { getStaffMunicipalities, listUsers } from "./users.server";
