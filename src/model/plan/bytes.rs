//! A plan's text looked at byte by byte where characters would cost a decoding each: whether
//! a piece holds whitespace, and the hash its anchors are told apart by.

use std::hash::Hasher;

/// Whether `t` holds a character that [`char::is_whitespace`] says is one, by its bytes: an
/// ASCII space or control character (all taken as whitespace here, as `false` must be sure),
/// or the UTF-8 of U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F or
/// U+3000. A byte at a time, where the characters cost a decoding each: a plan's text is read
/// whole, and most of it has none.
pub(super) fn may_hold_whitespace(t: &str) -> bool {
    let b = t.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut from = 0;
    // The bytes that can start one, found by a table; most of a plan's bytes are none of them.
    while let Some(i) = b.get(from..).and_then(|rest| rest.iter().position(|&c| WHITESPACE_START[usize::from(c)])) {
        let i = from + i;
        let whitespace = match b[i] {
            0..=b' ' => true,
            0xc2 => matches!(at(i + 1), 0x85 | 0xa0),
            0xe1 => at(i + 1) == 0x9a && at(i + 2) == 0x80,
            0xe2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
                0x81 => at(i + 2) == 0x9f,
                _ => false,
            },
            _ => at(i + 1) == 0x80 && at(i + 2) == 0x80,
        };
        if whitespace {
            return true;
        }
        from = i + 1;
    }
    false
}

/// The bytes [`may_hold_whitespace`] looks at: ASCII up to the space, and `C2`, `E1`, `E2`,
/// `E3`, which start the other whitespace characters.
static WHITESPACE_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i <= 0x20 {
        table[i] = true;
        i += 1;
    }
    table[0xc2] = true;
    table[0xe1] = true;
    table[0xe2] = true;
    table[0xe3] = true;
    table
};

/// The hash an FNV-1a hash is already: its map need not hash it again.
#[derive(Default)]
pub(super) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// FNV-1a, for the short ASCII anchors of one plan (the standard hasher is built to resist
/// chosen keys, which a plan's own anchors are not, and cost a tenth of reading a plan).
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}
