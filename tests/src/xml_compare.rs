//! Namespace-aware comparison of two XML documents, for round-trip tests.
//!
//! Two documents are equal when their element trees are equal under these rules:
//!
//! - **Names** are compared as expanded names (namespace URI + local name); prefixes, and
//!   whether a namespace is bound to a prefix or is the default namespace, do not matter.
//! - **Attributes** are compared as a set keyed by expanded name, values exactly. Namespace
//!   declarations (`xmlns`, `xmlns:p`) are not attributes and are ignored, so where a namespace
//!   is declared does not matter either.
//! - **Children** are compared in document order (element order is significant).
//! - **Whitespace rule**: in an element that has element children, text made only of XML
//!   whitespace (space, tab, CR, LF) is formatting and is ignored; every other text (the whole
//!   content of a leaf element, or non-blank text in mixed content) is compared exactly.
//!   Adjacent text and CDATA are one text. `<a/>` and `<a></a>` are equal.
//! - Comments, processing instructions and the XML declaration are ignored.
//! - Optionally ([`CompareOptions::resolve_qname_values`]) a text or attribute value that
//!   differs literally is still equal when both are `prefix:local` QNames resolving to the
//!   same expanded name in their own documents (SOAP fault codes, `xsi:type`), or lists of
//!   such QNames (`xs:list` of `xs:QName`) equal item by item with identical separators.
//!
//! A mismatch lists every difference found (up to [`MAX_DIFFERENCES`]) with the element path,
//! e.g. `/Envelope/Body/RetrieveMessagesResponse/SystemMessages/RNChatMessagePostedMessage[2]/Body`.

use std::collections::BTreeMap;
use std::fmt;

use roxmltree::{Document, Node, ParsingOptions};

/// How many differences a report lists at most (the rest are counted).
pub const MAX_DIFFERENCES: usize = 25;

/// Comparison switches; the default is the strict comparison described in the module docs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompareOptions {
    /// Treat `p:local` values that resolve to the same expanded name as equal.
    pub resolve_qname_values: bool,
}

/// One difference between the expected and the actual document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Element path of the place that differs (in the expected document).
    pub path: String,
    /// What differs.
    pub what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.path, self.what)
    }
}

/// Why two documents are not equal.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    /// One of the documents is not well-formed XML.
    #[error("the {which} document does not parse: {source}")]
    Parse {
        /// `expected` or `actual`.
        which: &'static str,
        #[source]
        source: roxmltree::Error,
    },
    /// The documents differ.
    #[error("{}", render(.differences, *.omitted))]
    Different {
        /// The differences found, in document order.
        differences: Vec<Difference>,
        /// Differences found beyond [`MAX_DIFFERENCES`].
        omitted: usize,
    },
}

impl CompareError {
    /// The differences (empty for a parse error).
    pub fn differences(&self) -> &[Difference] {
        match self {
            Self::Parse { .. } => &[],
            Self::Different { differences, .. } => differences,
        }
    }
}

fn render(differences: &[Difference], omitted: usize) -> String {
    let mut out = format!(
        "the documents differ ({} difference{}):",
        differences.len() + omitted,
        if differences.len() + omitted == 1 {
            ""
        } else {
            "s"
        }
    );
    for d in differences {
        out.push_str("\n  - ");
        out.push_str(&d.to_string());
    }
    if omitted > 0 {
        out.push_str(&format!("\n  ... and {omitted} more"));
    }
    out
}

/// Compares `expected` and `actual` with the default options.
pub fn compare(expected: &str, actual: &str) -> Result<(), CompareError> {
    compare_with(expected, actual, CompareOptions::default())
}

/// Compares `expected` and `actual` under `options`.
pub fn compare_with(
    expected: &str,
    actual: &str,
    options: CompareOptions,
) -> Result<(), CompareError> {
    let parse = |which, text| {
        let opts = ParsingOptions {
            allow_dtd: false,
            ..ParsingOptions::default()
        };
        Document::parse_with_options(text, opts)
            .map_err(|source| CompareError::Parse { which, source })
    };
    let expected_doc = parse("expected", expected)?;
    let actual_doc = parse("actual", actual)?;
    let mut cx = Comparison {
        options,
        differences: Vec::new(),
        omitted: 0,
    };
    let (e, a) = (expected_doc.root_element(), actual_doc.root_element());
    cx.element(&format!("/{}", e.tag_name().name()), e, a);
    if cx.differences.is_empty() {
        Ok(())
    } else {
        Err(CompareError::Different {
            differences: cx.differences,
            omitted: cx.omitted,
        })
    }
}

struct Comparison {
    options: CompareOptions,
    differences: Vec<Difference>,
    omitted: usize,
}

/// A significant child: an element or a (merged) text.
enum Item<'a, 'input> {
    Element(Node<'a, 'input>),
    Text(String, Node<'a, 'input>),
}

fn expanded(node: Node<'_, '_>) -> String {
    let name = node.tag_name();
    match name.namespace() {
        Some(ns) if !ns.is_empty() => format!("{{{ns}}}{}", name.name()),
        _ => name.name().to_owned(),
    }
}

fn trim_xml_whitespace(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// Splits a list value into its items, each with the whitespace run that follows it.
fn list_tokens(text: &str) -> Vec<(&str, &str)> {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let tok_end = rest.find(is_ws).unwrap_or(rest.len());
        let (tok, tail) = rest.split_at(tok_end);
        let sep_end = tail.find(|c: char| !is_ws(c)).unwrap_or(tail.len());
        let (sep, tail) = tail.split_at(sep_end);
        out.push((tok, sep));
        rest = tail;
    }
    out
}

fn is_xml_whitespace(text: &str) -> bool {
    text.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// The significant children of `node`, under the whitespace rule.
fn items<'a, 'input>(node: Node<'a, 'input>) -> Vec<Item<'a, 'input>> {
    let has_elements = node.children().any(|c| c.is_element());
    let mut out = Vec::new();
    let mut text: Option<(String, Node<'a, 'input>)> = None;
    let flush = |text: &mut Option<(String, Node<'a, 'input>)>, out: &mut Vec<Item<'a, 'input>>| {
        if let Some((t, n)) = text.take()
            && !(has_elements && is_xml_whitespace(&t))
        {
            out.push(Item::Text(t, n));
        }
    };
    for child in node.children() {
        if child.is_element() {
            flush(&mut text, &mut out);
            out.push(Item::Element(child));
        } else if child.is_text() {
            let piece = child.text().unwrap_or_default();
            match &mut text {
                Some((t, _)) => t.push_str(piece),
                // The element, not the text node, resolves prefixes.
                None => text = Some((piece.to_owned(), node)),
            }
        }
        // Comments and processing instructions carry no data.
    }
    flush(&mut text, &mut out);
    out
}

/// `local[i]` segments: the index among same-named siblings, shown when there are several.
fn segment(node: Node<'_, '_>) -> String {
    let name = node.tag_name();
    let same = |n: &Node<'_, '_>| n.is_element() && n.tag_name() == name;
    let total = node
        .parent()
        .map_or(1, |p| p.children().filter(same).count());
    if total <= 1 {
        return name.name().to_owned();
    }
    let index = node.prev_siblings().filter(same).count();
    format!("{}[{}]", name.name(), index)
}

fn show(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut:?}...")
    } else {
        format!("{text:?}")
    }
}

impl Comparison {
    fn report(&mut self, path: &str, what: String) {
        if self.differences.len() < MAX_DIFFERENCES {
            self.differences.push(Difference {
                path: path.to_owned(),
                what,
            });
        } else {
            self.omitted += 1;
        }
    }

    fn values_equal(&self, e: &str, en: Node<'_, '_>, a: &str, an: Node<'_, '_>) -> bool {
        if e == a {
            return true;
        }
        if !self.options.resolve_qname_values {
            return false;
        }
        let resolve = |token: &str, node: Node<'_, '_>| {
            let (prefix, local) = token.split_once(':')?;
            if local.contains(':') || local.is_empty() {
                return None;
            }
            let ns = node.lookup_namespace_uri(Some(prefix))?;
            Some((ns.to_owned(), local.to_owned()))
        };
        // `xs:list` of `xs:QName` (WS-Discovery `Types`) is compared item by item; the
        // separators stay literal so only the prefixes may differ.
        let (e, a) = (trim_xml_whitespace(e), trim_xml_whitespace(a));
        let (et, at) = (list_tokens(e), list_tokens(a));
        if et.len() != at.len() {
            return false;
        }
        let mut resolved = false;
        for ((e_tok, e_sep), (a_tok, a_sep)) in et.into_iter().zip(at) {
            if e_sep != a_sep {
                return false;
            }
            match (resolve(e_tok, en), resolve(a_tok, an)) {
                (Some(x), Some(y)) if x == y => resolved = true,
                _ if e_tok == a_tok => {}
                _ => return false,
            }
        }
        resolved
    }

    fn element(&mut self, path: &str, e: Node<'_, '_>, a: Node<'_, '_>) {
        let (en, an) = (expanded(e), expanded(a));
        if en != an {
            self.report(path, format!("expected element {en}, found {an}"));
            return;
        }
        self.attributes(path, e, a);
        let (ei, ai) = (items(e), items(a));
        for (i, pair) in ei.iter().zip(ai.iter()).enumerate() {
            match pair {
                (Item::Element(x), Item::Element(y)) => {
                    let child = format!("{path}/{}", segment(*x));
                    self.element(&child, *x, *y);
                }
                (Item::Text(x, xn), Item::Text(y, yn)) => {
                    if !self.values_equal(x, *xn, y, *yn) {
                        self.report(
                            path,
                            format!("text differs: expected {}, found {}", show(x), show(y)),
                        );
                    }
                }
                (Item::Element(x), Item::Text(y, _)) => self.report(
                    path,
                    format!(
                        "child {}: expected element {}, found text {}",
                        i + 1,
                        expanded(*x),
                        show(y)
                    ),
                ),
                (Item::Text(x, _), Item::Element(y)) => self.report(
                    path,
                    format!(
                        "child {}: expected text {}, found element {}",
                        i + 1,
                        show(x),
                        expanded(*y)
                    ),
                ),
            }
        }
        let describe = |item: &Item<'_, '_>| match item {
            Item::Element(n) => format!("element {}", expanded(*n)),
            Item::Text(t, _) => format!("text {}", show(t)),
        };
        for missing in ei.iter().skip(ai.len()) {
            let what = format!("missing {}", describe(missing));
            self.report(path, what);
        }
        for extra in ai.iter().skip(ei.len()) {
            let what = format!("unexpected {}", describe(extra));
            self.report(path, what);
        }
    }

    fn attributes(&mut self, path: &str, e: Node<'_, '_>, a: Node<'_, '_>) {
        let key = |attr: &roxmltree::Attribute<'_, '_>| match attr.namespace() {
            Some(ns) if !ns.is_empty() => format!("{{{ns}}}{}", attr.name()),
            _ => attr.name().to_owned(),
        };
        let expected: BTreeMap<String, &str> =
            e.attributes().map(|x| (key(&x), x.value())).collect();
        let actual: BTreeMap<String, &str> = a.attributes().map(|x| (key(&x), x.value())).collect();
        for (name, value) in &expected {
            match actual.get(name) {
                None => self.report(path, format!("missing attribute {name}")),
                Some(found) if !self.values_equal(value, e, found, a) => self.report(
                    path,
                    format!(
                        "attribute {name}: expected {}, found {}",
                        show(value),
                        show(found)
                    ),
                ),
                Some(_) => {}
            }
        }
        for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
            self.report(path, format!("unexpected attribute {name}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diffs(expected: &str, actual: &str) -> Vec<Difference> {
        match compare(expected, actual) {
            Ok(()) => Vec::new(),
            Err(e) => e.differences().to_vec(),
        }
    }

    #[test]
    fn prefixes_and_declaration_places_do_not_matter() {
        let a = r#"<a:R xmlns:a="urn:a" xmlns:b="urn:b"><b:X k="1">t</b:X><a:Y/></a:R>"#;
        let b = r#"<R xmlns="urn:a"><n1:X xmlns:n1="urn:b" k="1">t</n1:X><Y></Y></R>"#;
        compare(a, b).expect("equal");
    }

    #[test]
    fn formatting_whitespace_between_elements_is_ignored() {
        let a = "<r>\n  <x>1</x>\n  <y> two </y>\n</r>";
        let b = "<r><x>1</x><y> two </y></r>";
        compare(a, b).expect("equal");
    }

    #[test]
    fn leaf_text_is_exact_including_whitespace() {
        let d = diffs("<r><y> two </y></r>", "<r><y>two</y></r>");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "/r/y");
        assert!(d[0].what.contains("text differs"), "{}", d[0]);
        // Whitespace-only leaf content is data, not formatting.
        assert_eq!(diffs("<r><y> </y></r>", "<r><y/></r>").len(), 1);
    }

    #[test]
    fn a_namespace_change_is_caught_with_its_path() {
        let d = diffs(
            r#"<r xmlns="urn:a"><m><CreatedTime>1</CreatedTime></m></r>"#,
            r#"<r xmlns="urn:a"><m><CreatedTime xmlns="urn:b">1</CreatedTime></m></r>"#,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "/r/m/CreatedTime");
        assert_eq!(
            d[0].what,
            "expected element {urn:a}CreatedTime, found {urn:b}CreatedTime"
        );
    }

    #[test]
    fn an_order_change_is_caught() {
        let d = diffs("<r><x/><y/></r>", "<r><y/><x/></r>");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].path, "/r/x");
        assert_eq!(d[0].what, "expected element x, found y");
        assert_eq!(d[1].path, "/r/y");
    }

    #[test]
    fn a_text_change_is_caught() {
        let d = diffs("<r><m>a</m><m>b</m></r>", "<r><m>a</m><m>c</m></r>");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "/r/m[2]");
        assert_eq!(d[0].what, r#"text differs: expected "b", found "c""#);
    }

    #[test]
    fn a_missing_attribute_is_caught_and_xmlns_is_not_an_attribute() {
        let d = diffs(
            r#"<r xmlns:p="urn:p"><e p:id="1" k="v"/></r>"#,
            r#"<r><e k="v" xmlns:q="urn:q"/></r>"#,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "/r/e");
        assert_eq!(d[0].what, "missing attribute {urn:p}id");
        let d = diffs(r#"<e k="v"/>"#, r#"<e k="w" z=""/>"#);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].what.starts_with("attribute k"), "{}", d[0]);
        assert_eq!(d[1].what, "unexpected attribute z");
    }

    #[test]
    fn missing_and_extra_children_are_listed() {
        let d = diffs("<r><a/><b/></r>", "<r><a/></r>");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].what, "missing element b");
        let d = diffs("<r><a/></r>", "<r><a/>text</r>");
        assert_eq!(d[0].what, r#"unexpected text "text""#);
    }

    #[test]
    fn qname_values_are_resolved_only_on_request() {
        let a = r#"<f xmlns:S="urn:env"><c>S:Client</c></f>"#;
        let b = r#"<f xmlns:soap="urn:env"><c>soap:Client</c></f>"#;
        assert_eq!(diffs(a, b).len(), 1);
        let on = CompareOptions {
            resolve_qname_values: true,
        };
        compare_with(a, b, on).expect("same expanded name");
        let other = r#"<f xmlns:soap="urn:other"><c>soap:Client</c></f>"#;
        assert!(compare_with(a, other, on).is_err());
    }

    #[test]
    fn qname_list_values_are_resolved_item_by_item() {
        let on = CompareOptions {
            resolve_qname_values: true,
        };
        let a = r#"<t xmlns:q="urn:q" xmlns:p="urn:p">q:name p:x plain</t>"#;
        let same = r#"<t xmlns:n2="urn:q" xmlns:n3="urn:p">n2:name n3:x plain</t>"#;
        compare_with(a, same, on).expect("same expanded names, item by item");
        let swapped = r#"<t xmlns:n2="urn:q" xmlns:n3="urn:p">n3:name n2:x plain</t>"#;
        assert!(compare_with(a, swapped, on).is_err());
        let shorter = r#"<t xmlns:n2="urn:q" xmlns:n3="urn:p">n2:name n3:x</t>"#;
        assert!(compare_with(a, shorter, on).is_err());
        let spaced = r#"<t xmlns:n2="urn:q" xmlns:n3="urn:p">n2:name  n3:x plain</t>"#;
        assert!(compare_with(a, spaced, on).is_err());
        let other_plain = r#"<t xmlns:n2="urn:q" xmlns:n3="urn:p">n2:name n3:x other</t>"#;
        assert!(compare_with(a, other_plain, on).is_err());
        // Without any QName item, surrounding whitespace is still significant.
        assert!(compare_with("<t> a b</t>", "<t>a b</t>", on).is_err());
        assert_eq!(diffs(a, same).len(), 1, "only on request");
    }

    #[test]
    fn the_report_is_readable_and_bounded() {
        let many: String = (0..40).map(|i| format!("<x>{i}</x>")).collect();
        let other: String = (0..40).map(|i| format!("<x>{}</x>", i + 1)).collect();
        let err =
            compare(&format!("<r>{many}</r>"), &format!("<r>{other}</r>")).expect_err("differ");
        let text = err.to_string();
        assert!(
            text.starts_with("the documents differ (40 differences):"),
            "{text}"
        );
        assert!(text.contains("at /r/x[1]: text differs"), "{text}");
        assert!(text.ends_with("... and 15 more"), "{text}");
        assert!(matches!(
            compare("<r>", "<r/>"),
            Err(CompareError::Parse {
                which: "expected",
                ..
            })
        ));
    }
}
