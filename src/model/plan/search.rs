//! Where a passage occurs in a plan's searchable text (one job: the quote check's look-ups).
//!
//! The text's pairs of neighbouring characters are listed once, sorted, with where each is. A
//! passage is then looked for only where its rarest pair is: a few places, each compared
//! whole. A plan has a hundred or more quotes, and a vectorised substring search over its text
//! for each was most of checking them: it skips ahead by bytes it takes to be rare, and in
//! Chinese text the bytes of the common characters are all there is.

/// A text's pairs of characters with where each starts, sorted by pair, then place.
#[derive(Debug, Clone, Default)]
pub(super) struct PairIndex {
    pairs: Vec<(u64, u32)>,
}

/// A pair of characters as one number.
fn key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl PairIndex {
    /// The index of `text`; no pair spans a line break (the passages a text joins with `\n`
    /// hold none, so nothing looked for does).
    pub(super) fn new(text: &str) -> PairIndex {
        let mut pairs = Vec::with_capacity(text.len() / 3 + 1);
        let mut chars = text.char_indices().peekable();
        while let Some((at, a)) = chars.next() {
            if let Some(&(_, b)) = chars.peek()
                && a != '\n'
                && b != '\n'
            {
                pairs.push((key(a, b), at as u32));
            }
        }
        pairs.sort_unstable();
        PairIndex { pairs }
    }

    /// The places of the pair `k`, in order.
    fn places(&self, k: u64) -> &[(u64, u32)] {
        let from = self.pairs.partition_point(|&(p, _)| p < k);
        let to = from + self.pairs[from..].partition_point(|&(p, _)| p == k);
        &self.pairs[from..to]
    }

    /// The first place at or after `from` where `passage` starts in `text` (the text this index
    /// was made of) and `wanted` holds, in order of place; `None` when there is none. A passage
    /// of one character is looked for in the text itself.
    pub(super) fn first(
        &self,
        text: &str,
        passage: &str,
        from: usize,
        mut wanted: impl FnMut(usize) -> bool,
    ) -> Option<usize> {
        let mut chars = passage.char_indices().peekable();
        // The passage's rarest pair, and where in the passage it is.
        let mut rarest: Option<(&[(u64, u32)], usize)> = None;
        while let Some((at, a)) = chars.next() {
            let Some(&(_, b)) = chars.peek() else { break };
            let places = self.places(key(a, b));
            if places.is_empty() {
                return None;
            }
            if rarest.is_none_or(|(r, _)| places.len() < r.len()) {
                rarest = Some((places, at));
            }
        }
        let Some((places, offset)) = rarest else {
            let rest = text.get(from..)?;
            return rest.match_indices(passage).map(|(at, _)| from + at).find(|&at| wanted(at));
        };
        let bytes = text.as_bytes();
        places
            .iter()
            .filter_map(|&(_, at)| (at as usize).checked_sub(offset))
            .filter(|&start| start >= from)
            .find(|&start| bytes.get(start..start + passage.len()) == Some(passage.as_bytes()) && wanted(start))
    }
}

#[cfg(test)]
mod tests {
    use super::PairIndex;

    /// Every place a substring search finds, in order.
    fn scanned(text: &str, passage: &str, from: usize) -> Vec<usize> {
        (from..=text.len())
            .filter(|&i| text.is_char_boundary(i) && text[i..].starts_with(passage))
            .collect()
    }

    #[test]
    fn finds_what_a_scan_finds() {
        let text = "到2023年达到1.22\n到2025年达到1.41\n合成指标0tertiary：到2023年达到1.22；\n一、主要目标\n啊啊啊啊\na\n医护比总体达到1.2左右";
        let index = PairIndex::new(text);
        let passages = [
            "到2023年达到1.22",
            "达到1",
            "啊啊",
            "啊啊啊",
            "啊",
            "a",
            "1.22",
            "主要目标",
            "到2024年",
            "1.22\n到",
            "",
            "左右",
            "医",
            "x",
        ];
        for passage in passages {
            let twentieth = text.char_indices().nth(20).map_or(0, |(at, _)| at);
            for from in [0, 5, twentieth, text.len()] {
                let all = scanned(text, passage, from);
                if passage.is_empty() || passage.contains('\n') {
                    continue;
                }
                let mut seen = Vec::new();
                let first = index.first(text, passage, from, |at| {
                    seen.push(at);
                    false
                });
                assert_eq!(first, None);
                assert_eq!(seen, all, "{passage:?} from {from}");
                assert_eq!(index.first(text, passage, from, |_| true), all.first().copied(), "{passage:?}");
            }
        }
    }
}
