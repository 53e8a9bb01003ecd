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
/// grouped by a hash of the piece: a quote is looked for only where one of its own pieces is,
/// the rarest of them. Made in two quick passes over the text; a national site looks up hundreds
/// of quotes in each of 3,000 plans, and a general substring search set itself up for each.
#[derive(Debug, Clone, Default)]
pub(super) struct GramIndex {
    /// Where each bucket's places start in `places` (one more than the buckets).
    starts: Vec<u32>,
    /// The places, bucket by bucket, each bucket in the text's order.
    places: Vec<u32>,
}

/// The length of the pieces indexed: two or three Chinese characters, eight digits or letters.
const GRAM: usize = 8;
const BUCKET_BITS: u32 = 12;

fn gram_at(text: &[u8], at: usize) -> Option<usize> {
    let piece: [u8; GRAM] = text.get(at..at + GRAM)?.try_into().ok()?;
    Some((u64::from_le_bytes(piece).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BUCKET_BITS)) as usize)
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
        // A counting sort of the places by bucket, in two passes over the text (each bucket
        // keeps the text's order).
        let mut starts = vec![0u32; (1 << BUCKET_BITS) + 1];
        let mut count = 0;
        for (_, g) in grams(text) {
            starts[g + 1] += 1;
            count += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut places = vec![0u32; count];
        for (at, g) in grams(text) {
            places[next[g] as usize] = at as u32;
            next[g] += 1;
        }
        GramIndex { starts, places }
    }

    fn bucket(&self, g: usize) -> &[u32] {
        &self.places[self.starts[g] as usize..self.starts[g + 1] as usize]
    }

    /// A search for `needle` in the text this index was made of.
    pub(super) fn search<'n>(&self, needle: &'n [u8]) -> Search<'_, 'n> {
        // The needle's rarest piece: the fewest places to try.
        let best = grams(needle).map(|(at, g)| (at, self.bucket(g))).min_by_key(|(_, places)| places.len());
        match best {
            Some((offset, places)) => Search::Places { needle, offset, places },
            None => Search::Scan(Box::new(memchr::memmem::Finder::new(needle))),
        }
    }
}

/// A needle looked for in an indexed text: at the places of its rarest piece, or (a needle
/// shorter than a piece) by scanning.
pub(super) enum Search<'i, 'n> {
    Places {
        needle: &'n [u8],
        offset: usize,
        places: &'i [u32],
    },
    /// Boxed: rare, and much larger than the other.
    Scan(Box<memchr::memmem::Finder<'n>>),
}

impl Search<'_, '_> {
    /// Where the needle is in `text[within]`, wholly, in order (`text` is the indexed text).
    pub(super) fn find_iter<'s>(&'s self, text: &'s [u8], within: std::ops::Range<usize>) -> Matches<'s> {
        match self {
            Search::Places { needle, offset, places } => {
                let first = places.partition_point(|&p| (p as usize) < within.start + offset);
                Matches::Places { text, needle, offset: *offset, places: places[first..].iter(), end: within.end }
            }
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
    Places { text: &'s [u8], needle: &'s [u8], offset: usize, places: std::slice::Iter<'s, u32>, end: usize },
    Scan { from: usize, iter: Box<memchr::memmem::FindIter<'s, 's>> },
}

impl Iterator for Matches<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Matches::Places { text, needle, offset, places, end } => {
                for &p in places.by_ref() {
                    let at = p as usize - *offset;
                    if at + needle.len() > *end {
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
