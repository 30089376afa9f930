//! The results table: medians per peer and document, throughput, ratios, peak heap.
//!
//! Rust peers' medians come from criterion's own output (`<criterion dir>/<group>/<peer>/<doc>/
//! new/estimates.json`, the `median.point_estimate` in ns per iteration); gSOAP's from its
//! driver; peak heap from [`crate::alloc::peak_while`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where criterion writes its results, resolved the way criterion does for `cargo bench`.
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("criterion")
}

/// Criterion's median (ns per iteration) for one benchmark, if it ran.
pub fn criterion_median_ns(dir: &Path, group: &str, function: &str, doc: &str) -> Option<f64> {
    let path = dir
        .join(group)
        .join(function)
        .join(doc)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.get("median")?.get("point_estimate")?.as_f64()
}

/// One direction of the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Decode,
    Encode,
}

impl Direction {
    pub fn group(self) -> &'static str {
        match self {
            Direction::Decode => "decode",
            Direction::Encode => "encode",
        }
    }
}

/// A cell of the table: measured, or why not.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Ns(f64),
    Missing(&'static str),
}

/// Everything measured, keyed by (direction, document, peer).
#[derive(Debug, Default)]
pub struct Results {
    /// Document name → (size in bytes, items).
    pub docs: Vec<(String, usize, usize)>,
    /// Peers in display order, with a label.
    pub peers: Vec<(&'static str, &'static str)>,
    pub times: BTreeMap<(Direction, String, &'static str), Cell>,
    /// (document, peer) → peak heap bytes while decoding.
    pub peak_heap: BTreeMap<(String, &'static str), usize>,
}

fn mb_per_s(bytes: usize, ns: f64) -> f64 {
    bytes as f64 / ns * 1e9 / 1e6
}

fn human_bytes(n: usize) -> String {
    if n >= 10 * 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 10 * 1024 {
        format!("{:.0} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

fn human_time(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

impl Results {
    fn ns(&self, dir: Direction, doc: &str, peer: &str) -> Option<f64> {
        self.times
            .iter()
            .find(|((d, n, p), _)| *d == dir && n == doc && *p == peer)
            .and_then(|(_, c)| match c {
                Cell::Ns(v) => Some(*v),
                Cell::Missing(_) => None,
            })
    }

    /// Markdown tables, one per direction. A ratio `r` in column "vs X" means this peer takes
    /// 1/r of X's time (r > 1: faster than X).
    pub fn render(&self) -> String {
        let mut s = String::new();
        for dir in [Direction::Decode, Direction::Encode] {
            let peers: Vec<_> = self
                .peers
                .iter()
                .filter(|(id, _)| self.times.keys().any(|(d, _, p)| *d == dir && p == id))
                .collect();
            if peers.is_empty() {
                continue;
            }
            let _ = writeln!(s, "\n### {}\n", dir.group());
            let mut header = String::from("| document | peer | median | MB/s | messages/s |");
            let mut rule = String::from("|---|---|---:|---:|---:|");
            for (_, label) in &peers {
                let _ = write!(header, " vs {label} |");
                rule.push_str("---:|");
            }
            if dir == Direction::Decode {
                header.push_str(" peak heap | heap / size |");
                rule.push_str("---:|---:|");
            }
            let _ = writeln!(s, "{header}\n{rule}");
            for (doc, size, items) in &self.docs {
                for (id, label) in &peers {
                    let cell = self
                        .times
                        .get(&(dir, doc.clone(), *id))
                        .cloned()
                        .unwrap_or(Cell::Missing("not run"));
                    let _ = write!(s, "| {doc} ({}) | {label} |", human_bytes(*size));
                    match cell {
                        Cell::Missing(why) => {
                            let _ = write!(s, " {why} | | |");
                            for _ in &peers {
                                s.push_str(" |");
                            }
                            if dir == Direction::Decode {
                                s.push_str(" | |");
                            }
                        }
                        Cell::Ns(ns) => {
                            let _ = write!(
                                s,
                                " {} | {:.1} | {:.0} |",
                                human_time(ns),
                                mb_per_s(*size, ns),
                                *items as f64 / ns * 1e9
                            );
                            for (other, _) in &peers {
                                match self.ns(dir, doc, other) {
                                    Some(o) if other != id => {
                                        let _ = write!(s, " {:.2}× |", o / ns);
                                    }
                                    _ => s.push_str(" |"),
                                }
                            }
                            if dir == Direction::Decode {
                                match self.peak_heap.get(&(doc.clone(), *id)) {
                                    Some(peak) => {
                                        let _ = write!(
                                            s,
                                            " {} | {:.2} |",
                                            human_bytes(*peak),
                                            *peak as f64 / *size as f64
                                        );
                                    }
                                    None => s.push_str(" | |"),
                                }
                            }
                        }
                    }
                    s.push('\n');
                }
            }
        }
        s
    }
}

/// One issue-7 target: direction, the peer compared with, and the ratio to reach.
struct Target {
    label: &'static str,
    dir: Direction,
    other: &'static str,
    at_least: f64,
}

const TARGETS: [Target; 5] = [
    Target {
        label: "decode vs gSOAP (≥ 2×)",
        dir: Direction::Decode,
        other: "gsoap",
        at_least: 2.0,
    },
    Target {
        label: "decode vs serde+qx (≥ 2×)",
        dir: Direction::Decode,
        other: "serde-qx",
        at_least: 2.0,
    },
    Target {
        label: "decode vs limit (≥ 0.60×)",
        dir: Direction::Decode,
        other: "limit",
        at_least: 0.6,
    },
    Target {
        label: "encode vs gSOAP (≥ 5×)",
        dir: Direction::Encode,
        other: "gsoap",
        at_least: 5.0,
    },
    Target {
        label: "encode vs limit (≥ 0.50×)",
        dir: Direction::Encode,
        other: "limit",
        at_least: 0.5,
    },
];

impl Results {
    /// The issue-7 targets for `peer`, one row per document: each cell the measured ratio and
    /// whether it meets the target (`–` where either side has no number).
    pub fn render_targets(&self, peer: &'static str) -> String {
        let mut s = String::from("\n### targets\n\n| document |");
        let mut rule = String::from("|---|");
        for t in &TARGETS {
            let _ = write!(s, " {} |", t.label);
            rule.push_str("---:|");
        }
        s.push_str(" peak heap / size (≤ 2) |\n");
        rule.push_str("---:|\n");
        s.push_str(&rule);
        let verdict = |ok: bool| if ok { "met" } else { "missed" };
        for (doc, size, _) in &self.docs {
            let _ = write!(s, "| {doc} |");
            for t in &TARGETS {
                match (self.ns(t.dir, doc, peer), self.ns(t.dir, doc, t.other)) {
                    (Some(mine), Some(theirs)) => {
                        let r = theirs / mine;
                        let _ = write!(s, " {r:.2}× {} |", verdict(r >= t.at_least));
                    }
                    _ => s.push_str(" – |"),
                }
            }
            match self.peak_heap.get(&(doc.clone(), peer)) {
                Some(&peak) => {
                    let r = peak as f64 / *size as f64;
                    let _ = writeln!(s, " {r:.2} {} |", verdict(r <= 2.0));
                }
                None => s.push_str(" – |\n"),
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_say_how_many_times_faster_this_peer_is() {
        let mut r = Results {
            docs: vec![("d".to_owned(), 1_000_000, 10)],
            peers: vec![("fast", "Fast"), ("slow", "Slow"), ("none", "None")],
            ..Results::default()
        };
        r.times
            .insert((Direction::Decode, "d".to_owned(), "fast"), Cell::Ns(1e6));
        r.times
            .insert((Direction::Decode, "d".to_owned(), "slow"), Cell::Ns(4e6));
        r.times.insert(
            (Direction::Decode, "d".to_owned(), "none"),
            Cell::Missing("pending"),
        );
        r.peak_heap.insert(("d".to_owned(), "fast"), 2_000_000);
        let table = r.render();
        // 1 MB in 1 ms = 1000 MB/s, 10 items in 1 ms = 10000/s; the slow peer takes 4×.
        assert!(
            table.contains(
                "| d (977 KiB) | Fast | 1.00 ms | 1000.0 | 10000 | | 4.00× | | 1953 KiB | 2.00 |"
            ),
            "{table}"
        );
        assert!(
            table.contains("| Slow | 4.00 ms | 250.0 | 2500 | 0.25× |"),
            "{table}"
        );
        assert!(table.contains("| None | pending |"), "{table}");
        assert!(
            !table.contains("### encode\n\n| document"),
            "no encode rows: {table}"
        );
    }

    #[test]
    fn targets_compare_ratios_with_the_issue_thresholds() {
        let mut r = Results {
            docs: vec![("d".to_owned(), 1_000, 1)],
            peers: vec![
                ("soapstone", "soapstone"),
                ("gsoap", "gSOAP"),
                ("limit", "limit"),
            ],
            ..Results::default()
        };
        let mut put = |dir, peer, ns| {
            r.times.insert((dir, "d".to_owned(), peer), Cell::Ns(ns));
        };
        put(Direction::Decode, "soapstone", 100.0);
        put(Direction::Decode, "gsoap", 300.0);
        put(Direction::Decode, "limit", 50.0);
        put(Direction::Encode, "soapstone", 100.0);
        put(Direction::Encode, "gsoap", 400.0);
        r.peak_heap.insert(("d".to_owned(), "soapstone"), 2_500);
        let t = r.render_targets("soapstone");
        let row = t.lines().find(|l| l.starts_with("| d |")).unwrap();
        assert_eq!(
            row,
            "| d | 3.00× met | – | 0.50× missed | 4.00× missed | – | 2.50 missed |"
        );
    }
}
