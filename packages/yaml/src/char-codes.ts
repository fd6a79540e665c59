// The characters the direct reader (canonical*.ts) compares with
// `charCodeAt`, by name: a code there is one of these, never a bare number.
export const TAB = 0x09; // \t
export const NL = 0x0a; // \n
export const SPACE = 0x20;
export const DOUBLE_QUOTE = 0x22; // "
export const HASH = 0x23; // #
export const SINGLE_QUOTE = 0x27; // '
export const PLUS = 0x2b; // +
export const DASH = 0x2d; // -
export const DOT = 0x2e; // .
export const DIGIT_0 = 0x30;
export const DIGIT_9 = 0x39;
export const COLON = 0x3a; // :
export const UPPER_A = 0x41;
export const UPPER_E = 0x45;
export const UPPER_Z = 0x5a;
export const OPEN_BRACKET = 0x5b; // [
export const BACKSLASH = 0x5c; // \
export const CLOSE_BRACKET = 0x5d; // ]
export const LOWER_A = 0x61;
export const LOWER_E = 0x65;
export const LOWER_Z = 0x7a;
export const OPEN_BRACE = 0x7b; // {
export const PIPE = 0x7c; // |
export const CLOSE_BRACE = 0x7d; // }
export const TILDE = 0x7e; // ~
