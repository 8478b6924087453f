// Passwords that appear at the top of every breach list. A password is refused if it is one of
// these, or one of these with digits and symbols added at the end ("Password2024!").
const COMMON = `
123456 123456789 12345678 1234567890 1234567 12345 password qwerty qwertyuiop qwerty123 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y qwe123 abc123 abcd1234 111111 000000 123123 654321 987654321 0987654321
iloveyou princess dragon monkey letmein welcome sunshine football baseball master shadow superman
batman trustno1 passw0rd p@ssw0rd p@ssword password1 azerty azertyuiop motdepasse soleil bonjour
loulou doudou chouchou marseille nicolas jetaime admin administrator root changeme secret login
starwars whatever freedom hello hello123 charlie michael jennifer jordan hunter ranger buster
thomas tigger robert soccer hockey killer george andrew pepper daniel access computer internet
samsung google mustang maggie ashley bailey michelle jessica nicole 666666 121212 112233 159753
zaq12wsx zxcvbnm zxcvbnmm asdfghjkl asdfgh qazwsx 1qaz2wsx qwertyui support helpdesk bicycle bike
velo ticket summer winter spring autumn
`
  .split(/\s+/)
  .filter(Boolean);

const COMMON_SET = new Set(COMMON);

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_SET.has(lower)) return true;
  // "Password123!", "azerty2024": a common word dressed up with a suffix is just as guessable.
  const stem = lower.replace(/[\d\W_]+$/, '');
  if (stem.length > 0 && COMMON_SET.has(stem)) return true;
  // Digits only, or one character repeated, whatever the length.
  return /^\d+$/.test(lower) || /^(.)\1+$/.test(lower);
}
