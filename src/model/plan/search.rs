//! What makes the search for a plan's quotes cheap: an index of where the pieces of the plan's
//! text are, and a set of the characters of its annexes' rows.

/// Which characters a text holds, by their code point's last 12 bits: a character whose bit
/// is clear is surely not in it (one that shares a set bit may not be either).
#[derive(Debug, Clone)]
pub(super) struct CharSet(Box<[u64; 64]>);

impl Default for CharSet {
    fn default() -> Self {
        CharSet(Box::new([0; 64]))
    }
}

impl CharSet {
    pub(super) fn of(text: &str) -> CharSet {
        let mut set = CharSet::default();
        for c in text.chars() {
            let bit = u32::from(c) as usize & 4095;
            set.0[bit / 64] |= 1 << (bit % 64);
        }
        set
    }

    /// Whether every character of `text` may be in the set's text.
    pub(super) fn may_hold_all(&self, text: &str) -> bool {
        text.chars().all(|c| {
            let bit = u32::from(c) as usize & 4095;
            self.0[bit / 64] & (1 << (bit % 64)) != 0
        })
    }
}

/// Where each 8-byte piece of one plan's searchable text starts (at a character's first byte),
/// chained by a hash of the piece: a quote is looked for only where one of its own pieces is,
/// the rarest of them. Made in one pass over the text, from its end, so that each chain runs in
/// the text's order; a national site looks up hundreds of quotes in each of 3,000 plans, and a
/// general substring search set itself up for each. (The index was a counting sort in two
/// passes before: 239,000 instructions for a plan of 8,700 bytes, against 165,000 now.)
#[derive(Debug, Clone, Default)]
pub(super) struct GramIndex {
    /// Each bucket's first place (plus one; zero for none).
    heads: Vec<u32>,
    /// How many places each bucket has: a needle is looked for by its rarest piece.
    counts: Vec<u32>,
    /// At each place (a byte offset), the next place of its bucket (plus one; zero after the
    /// last); at other offsets, nothing read.
    next: Vec<u32>,
}

/// The length of the pieces indexed: two or three Chinese characters, eight digits or letters.
const GRAM: usize = 8;
const BUCKET_BITS: u32 = 12;

fn gram_at(text: &[u8], at: usize) -> Option<usize> {
    let piece: [u8; GRAM] = text.get(at..at + GRAM)?.try_into().ok()?;
    Some(bucket_of(piece))
}

fn bucket_of(piece: [u8; GRAM]) -> usize {
    (u64::from_le_bytes(piece).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BUCKET_BITS)) as usize
}

/// The places in `text` (UTF-8) where a character starts and a whole piece follows, with the
/// piece's bucket: one step a character.
fn grams(text: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let g = gram_at(text, at)?;
        let here = at;
        at += match text[at] {
            0..0x80 => 1,
            0x80..0xe0 => 2,
            0xe0..0xf0 => 3,
            _ => 4,
        };
        Some((here, g))
    })
}

impl GramIndex {
    pub(super) fn of(text: &[u8]) -> GramIndex {
        let buckets = 1 << BUCKET_BITS;
        // Places are kept as their offset plus one, so that zero, which the allocator gives
        // ready-made, is the end of a chain.
        let mut heads = vec![0u32; buckets];
        let mut counts = vec![0u32; buckets];
        let mut next = vec![0u32; text.len()];
        // From the last place to the first, each put at the head of its chain. A place is a
        // character's first byte (not `10xxxxxx`) with a whole piece from it.
        for (at, window) in text.windows(GRAM).enumerate().rev() {
            if window[0] & 0xc0 == 0x80 {
                continue;
            }
            let mut piece = [0u8; GRAM];
            piece.copy_from_slice(window);
            let g = bucket_of(piece);
            next[at] = heads[g];
            heads[g] = at as u32 + 1;
            counts[g] += 1;
        }
        GramIndex { heads, counts, next }
    }

    /// A search for `needle` in the text this index was made of.
    pub(super) fn search<'n>(&self, needle: &'n [u8]) -> Search<'_, 'n> {
        // The needle's rarest piece: the fewest places to try.
        let best = grams(needle)
            .filter_map(|(at, g)| Some((at, *self.counts.get(g)?, self.heads[g])))
            .min_by_key(|&(_, count, _)| count);
        match best {
            Some((offset, _, first)) => Search::Places { needle, offset, first, next: &self.next },
            None => Search::Scan(Box::new(memchr::memmem::Finder::new(needle))),
        }
    }
}

/// A needle looked for in an indexed text: at the places of its rarest piece, or (a needle
/// shorter than a piece, or an index of no text) by scanning.
pub(super) enum Search<'i, 'n> {
    Places {
        needle: &'n [u8],
        offset: usize,
        /// The first place of the piece's chain (plus one; zero for none).
        first: u32,
        next: &'i [u32],
    },
    /// Boxed: rare, and much larger than the other.
    Scan(Box<memchr::memmem::Finder<'n>>),
}

impl Search<'_, '_> {
    /// Where the needle is in `text[within]`, wholly, in order (`text` is the indexed text).
    pub(super) fn find_iter<'s>(&'s self, text: &'s [u8], within: std::ops::Range<usize>) -> Matches<'s> {
        match self {
            Search::Places { needle, offset, first, next } => Matches::Places {
                text,
                needle,
                offset: *offset,
                place: *first,
                next,
                from: within.start + offset,
                end: within.end,
            },
            Search::Scan(finder) => {
                Matches::Scan { from: within.start, iter: Box::new(finder.find_iter(&text[within])) }
            }
        }
    }

    /// The first place of the needle in `text[within]`.
    pub(super) fn find(&self, text: &[u8], within: std::ops::Range<usize>) -> Option<usize> {
        self.find_iter(text, within).next()
    }
}

/// The places of a needle, from [`Search::find_iter`].
pub(super) enum Matches<'s> {
    Places {
        text: &'s [u8],
        needle: &'s [u8],
        offset: usize,
        /// The next place of the chain to try (plus one; zero at the end).
        place: u32,
        next: &'s [u32],
        /// The first place that can hold the needle (the start of the range, plus the offset).
        from: usize,
        end: usize,
    },
    Scan {
        from: usize,
        iter: Box<memchr::memmem::FindIter<'s, 's>>,
    },
}

impl Iterator for Matches<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Matches::Places { text, needle, offset, place, next, from, end } => {
                while *place != 0 {
                    let p = *place as usize - 1;
                    *place = next[p];
                    if p < *from {
                        continue;
                    }
                    let at = p - *offset;
                    if at + needle.len() > *end {
                        *place = 0;
                        return None;
                    }
                    if text[at..at + needle.len()] == **needle {
                        return Some(at);
                    }
                }
                None
            }
            Matches::Scan { from, iter } => iter.next().map(|at| at + *from),
        }
    }
}
