//! Anchors from a plan's own numbering: `一、` → `s1`, `（三）` under it → `s1-3`, `2.` under
//! that → `s1-3-2`, `（1）` → `s1-3-2-1`; `附件1` → `a1`, a numbered part inside it `a1-s…`.

/// Where a numbered part is, as the plan's numbering says.
#[derive(Default)]
pub(super) struct Numbering {
    pub(super) annex: Option<u32>,
    levels: [Option<u32>; 4],
}

impl Numbering {
    /// The anchor of a heading or paragraph starting with `text`, moving the numbering on.
    pub(super) fn anchor(&mut self, text: &str) -> Option<String> {
        let t = text.trim_start();
        if let Some(n) = annex_number(t) {
            self.annex = Some(n);
            self.levels = [None; 4];
            let mut anchor = String::with_capacity(4);
            anchor.push('a');
            push_number(&mut anchor, n);
            return Some(anchor);
        }
        let (level, n) = numbered(t)?;
        self.levels[level] = Some(n);
        for l in &mut self.levels[level + 1..] {
            *l = None;
        }
        let mut anchor = String::with_capacity(12);
        if let Some(a) = self.annex {
            anchor.push('a');
            push_number(&mut anchor, a);
            anchor.push('-');
        }
        anchor.push('s');
        for (i, &n) in self.levels[..=level].iter().flatten().enumerate() {
            if i > 0 {
                anchor.push('-');
            }
            push_number(&mut anchor, n);
        }
        Some(anchor)
    }
}

/// `n` in decimal digits at the end of `out` (as `{n}` writes it, without `fmt`: a plan's
/// every numbered block has an anchor made of a few).
pub(super) fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut rest = n;
    let mut from = digits.len();
    loop {
        from -= 1;
        digits[from] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[from..].iter().map(|&d| char::from(d)));
}

/// `附件1`, `附件 2`, `附件三` at the start of a heading or paragraph (not `附件：1．…`, the list
/// of annexes).
pub(super) fn annex_number(t: &str) -> Option<u32> {
    let rest = t.strip_prefix("附件")?.trim_start();
    // A plan with a single annex may call it just 附件.
    if rest.is_empty() {
        return Some(1);
    }
    let (n, after) = leading_number(rest).or_else(|| chinese_number(rest))?;
    (after.trim().is_empty() || after.starts_with(['：', ':', ' ', '\u{3000}'])).then_some(n)
}

/// The level (0 = `一、`, 1 = `（一）`, 2 = `1.`, 3 = `（1）`) and number of a numbered part.
pub(super) fn numbered(t: &str) -> Option<(usize, u32)> {
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        if let Some((n, after)) = chinese_number(rest)
            && after.starts_with(['）', ')'])
        {
            return Some((1, n));
        }
        if let Some((n, after)) = leading_number(rest)
            && after.starts_with(['）', ')'])
        {
            return Some((3, n));
        }
        return None;
    }
    if let Some((n, after)) = chinese_number(t)
        && after.starts_with('、')
    {
        return Some((0, n));
    }
    if let Some((n, after)) = leading_number(t)
        && after.starts_with(['.', '．', '、', '﹒'])
        && !after[after.chars().next().map_or(0, char::len_utf8)..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some((2, n));
    }
    None
}

pub(super) fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (end > 0 && end <= 4).then(|| s[..end].parse().ok().map(|n| (n, &s[end..]))).flatten()
}

/// A Chinese numeral from 一 to 九十九 at the start of `s`.
pub(super) fn chinese_number(s: &str) -> Option<(u32, &str)> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut chars = s.char_indices().peekable();
    let mut value = 0;
    let mut end = 0;
    let mut tens = false;
    while let Some(&(i, c)) = chars.peek() {
        if c == '十' && !tens {
            value = if value == 0 { 10 } else { value * 10 };
            tens = true;
        } else if let Some(d) = digit(c) {
            if value % 10 != 0 || (value > 0 && !tens) {
                break;
            }
            value += d;
        } else {
            break;
        }
        end = i + c.len_utf8();
        chars.next();
    }
    (value > 0).then_some((value, &s[end..]))
}
