//! XSD whitespace facets (`preserve`, `replace`, `collapse`) over the four XML whitespace
//! characters. `str::trim` is not used because it also strips Unicode spaces (NBSP...) that are
//! data in XML.

use std::borrow::Cow;

/// One of the four characters XML treats as whitespace.
pub(crate) fn is_xml_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Strips leading and trailing XML whitespace. Enough for types whose lexical space has no
/// inner whitespace: any left inside is rejected by the type's own parser.
pub(crate) fn trim(text: &str) -> &str {
    text.trim_matches(is_xml_ws)
}

/// `whiteSpace="replace"`: each whitespace character becomes a space.
pub(crate) fn replace(text: &str) -> Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// `whiteSpace="collapse"`: replace, then squeeze runs to one space and trim.
pub(crate) fn collapse(text: &str) -> Cow<'_, str> {
    let trimmed = trim(text);
    let mut prev_ws = false;
    let already = trimmed.chars().all(|c| {
        let ok = c != '\t' && c != '\n' && c != '\r' && !(c == ' ' && prev_ws);
        prev_ws = c == ' ';
        ok
    });
    if already {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split(is_xml_ws).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}
