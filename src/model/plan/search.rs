//! What makes the search for a plan's quotes cheap: the plan's own ranking of its bytes for
//! the substring search, and a set of the characters of its annexes' rows.

/// The bytes of one plan's text ranked by how often they occur in it: a substring search looks
/// for a quote's two rarest bytes first. Its default ranking is for English, where every byte of
/// a Chinese character is rare, and most of a plan's candidates were false.
#[derive(Debug, Clone)]
pub(super) struct ByteRanks(pub(super) [u8; 256]);

impl ByteRanks {
    pub(super) fn of(text: &[u8]) -> ByteRanks {
        let mut counts = [0u32; 256];
        for &b in text {
            counts[b as usize] += 1;
        }
        let most = u64::from(counts.iter().copied().max().unwrap_or(0).max(1));
        ByteRanks(counts.map(|c| (u64::from(c) * 255 / most) as u8))
    }
}

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for &ByteRanks {
    fn rank(&self, byte: u8) -> u8 {
        self.0[byte as usize]
    }
}

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
