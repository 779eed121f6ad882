/**
 * Passwords of 12+ characters that appear high in public breach lists, plus Dutch and Belgian
 * favourites. Compared case-insensitively, after trimming; see isCommonPassword for patterns.
 */
const commonPasswords = new Set([
  "123456789012", "1234567890123", "12345678901234", "123456789123", "123123123123", "111111111111",
  "000000000000", "123412341234", "987654321098", "qwertyuiopas", "qwertyuiop123", "qwerty123456",
  "qwertyuiopasdfghjkl", "azertyuiopqs", "azerty123456", "azertyuiop123", "1q2w3e4r5t6y", "1qaz2wsx3edc",
  "q1w2e3r4t5y6", "zaq12wsxcde3", "asdfghjkl123", "password1234", "password12345", "password123456",
  "passwordpassword", "password123!", "password!234", "p@ssword1234", "p@ssw0rd1234", "passw0rd1234",
  "iloveyou1234", "iloveyouforever", "letmein12345", "welcome12345", "welcome123456", "welkom123456",
  "welkom12345678", "wachtwoord12", "wachtwoord123", "wachtwoord1234", "wachtwoordwachtwoord", "motdepasse123",
  "motdepasse1234", "administrator", "administrator1", "admin1234567", "adminadmin123", "changeme1234",
  "trustno112345", "sunshine1234", "football1234", "baseball1234", "princess1234", "superman1234",
  "starwars1234", "dragon123456", "monkey123456", "shadow123456", "master123456", "michael12345",
  "jennifer1234", "computer1234", "whatever1234", "corvette1234", "liverpool123", "chelsea12345",
  "abcdefghijkl", "abcdefgh1234", "abcd12345678", "abc123456789", "1234567890ab", "1234qwerasdf",
  "qazwsxedcrfv", "zxcvbnm12345", "zxcvbnmasdfg", "mypassword123", "mypassword1234", "secret123456",
  "thisismypassword", "correcthorsebatterystaple", "ilovemyfamily", "ilovemymom123", "brugge123456",
  "kortrijk1234", "oostende1234", "belgie123456", "belgium12345", "westvlaanderen", "koppel123456",
  "koppelkoppel", "summer202420", "zomer2024zomer", "winter123456", "voetbal12345", "clubbrugge12",
  "anderlecht12", "hallo1234567", "hallohallo12", "goedemorgen1", "1234567890-=", "!@#$%^&*()_+",
]);

export function isCommonPassword(password: string) {
  const p = password.trim().toLowerCase();
  if (commonPasswords.has(p)) return true;
  if (/^(.)\1+$/.test(p)) return true; // one character repeated
  if (/^(.{1,4})\1{2,}$/.test(p)) return true; // a short chunk repeated: abcabcabcabc
  const digits = "01234567890123456789";
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (const run of [digits, letters, [...digits].reverse().join(""), [...letters].reverse().join("")]) {
    if (run.includes(p)) return true; // a straight run: 234567890123
  }
  return false;
}
