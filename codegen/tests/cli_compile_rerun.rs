//! The `build.rs` verb [`Settings::compile`]: the `cargo:rerun-if-changed` lines it prints
//! must name exactly the files reachable from the inputs (every import, include and catalog),
//! and a second compile must leave unchanged output files untouched.
//!
//! `compile` prints to stdout, which the test harness captures, so the parent test runs the
//! other test of this file in a child process with `--nocapture` and reads its output.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use soapstone_codegen::Settings;

struct Case {
    name: &'static str,
    inputs: Vec<PathBuf>,
    catalog: Option<PathBuf>,
}

fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = common::corpus();
    vec![
        Case {
            name: "oracle-server",
            inputs: vec![root.join("wsdl/oracle/chat-server.wsdl")],
            catalog: None,
        },
        Case {
            name: "ece",
            inputs: vec![root.join("wsdl/ece/ece-chat-11.6.wsdl")],
            catalog: None,
        },
        Case {
            name: "chat-all",
            inputs: vec![
                root.join("wsdl/ece/ece-chat-11.6.wsdl"),
                root.join("wsdl/oracle/chat-server.wsdl"),
                root.join("wsdl/oracle/chat-site-v1_2.wsdl"),
            ],
            catalog: None,
        },
        Case {
            name: "onvif-devicemgmt",
            inputs: vec![corpus.join("onvif-2.4-zeep/devicemgmt.wsdl")],
            catalog: Some(corpus.join("onvif-2.4-zeep/catalog.xml")),
        },
    ]
}

const XS: &str = "http://www.w3.org/2001/XMLSchema";
const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
const CATALOG: &str = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

/// Absolute URL → file, from the `uri` and `system` entries of an OASIS catalog.
fn read_catalog(path: &Path) -> BTreeMap<String, PathBuf> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let dir = path.parent().unwrap();
    let mut map = BTreeMap::new();
    for n in doc
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(CATALOG))
    {
        let key = match n.tag_name().name() {
            "uri" => n.attribute("name"),
            "system" => n.attribute("systemId"),
            _ => None,
        };
        if let (Some(k), Some(uri)) = (key, n.attribute("uri")) {
            map.insert(k.to_string(), dir.join(uri));
        }
    }
    map
}

/// Every file reachable from `inputs` through `xs:import`/`include`/`redefine`/`override`
/// `schemaLocation` and `wsdl:import location`, found with roxmltree independently of the
/// generator's loader.
fn reachable(inputs: &[PathBuf], catalog: &BTreeMap<String, PathBuf>) -> BTreeSet<PathBuf> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<PathBuf> = inputs.iter().map(|p| p.canonicalize().unwrap()).collect();
    while let Some(file) = todo.pop() {
        if !seen.insert(file.clone()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        for n in doc.descendants().filter(|n| n.is_element()) {
            let location = match (n.tag_name().namespace(), n.tag_name().name()) {
                (Some(XS), "import" | "include" | "redefine" | "override") => {
                    n.attribute("schemaLocation")
                }
                (Some(WSDL), "import") => n.attribute("location"),
                _ => None,
            };
            let Some(location) = location else { continue };
            let target = if location.contains("://") {
                catalog
                    .get(location)
                    .unwrap_or_else(|| panic!("{location} (from {file:?}) is not in the catalog"))
                    .clone()
            } else {
                file.parent().unwrap().join(location)
            };
            todo.push(target.canonicalize().unwrap());
        }
    }
    seen
}

fn settings(case: &Case, out: &Path) -> Settings {
    let mut s = Settings::new();
    s.with_inputs(case.inputs.iter().cloned()).with_out_dir(out);
    if let Some(c) = &case.catalog {
        s.with_catalog(c);
    }
    s
}

fn set_old_mtime(path: &Path) -> SystemTime {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    old
}

/// Compiles every case twice into a scratch directory: the second run must not touch files
/// whose content is unchanged, and must rewrite a file whose content differs. Each case is
/// announced on stdout so the parent test can attribute the `cargo:` lines.
#[test]
fn compile_twice_leaves_unchanged_files_alone() {
    for case in cases() {
        println!("case:{}", case.name);
        let out = common::scratch(case.name);
        let first = settings(&case, &out).compile().unwrap();
        assert!(!first.files.is_empty());
        let file = out.join(&first.files[0].path);
        let old = set_old_mtime(&file);

        let second = settings(&case, &out).compile().unwrap();
        assert_eq!(first.files, second.files, "{}", case.name);
        let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
        assert_eq!(mtime, old, "{}: unchanged output was rewritten", case.name);

        std::fs::write(&file, "// stale\n").unwrap();
        set_old_mtime(&file);
        settings(&case, &out).compile().unwrap();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            first.files[0].contents,
            "{}: changed output was not rewritten",
            case.name
        );
        assert_ne!(std::fs::metadata(&file).unwrap().modified().unwrap(), old);
    }
}

#[test]
fn rerun_if_changed_lists_every_file_reachable_from_the_inputs() {
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "compile_twice_leaves_unchanged_files_alone",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(child.stdout).unwrap();
    assert!(
        child.status.success(),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&child.stderr)
    );
    let mut printed: BTreeMap<String, BTreeSet<PathBuf>> = BTreeMap::new();
    let mut current = None;
    for line in stdout.lines() {
        // libtest prints `test <name> ... ` without a newline before the test's own output.
        if let Some((_, name)) = line.split_once("case:") {
            current = Some(name.to_string());
            printed.entry(name.to_string()).or_default();
        } else if let Some(path) = line.strip_prefix("cargo:rerun-if-changed=") {
            let case = current.clone().expect("cargo: line before any case");
            printed
                .get_mut(&case)
                .unwrap()
                .insert(Path::new(path).canonicalize().unwrap());
        }
    }
    let cases = cases();
    assert_eq!(printed.len(), cases.len(), "{stdout}");
    for case in &cases {
        let catalog = case
            .catalog
            .as_deref()
            .map(read_catalog)
            .unwrap_or_default();
        let mut expected = reachable(&case.inputs, &catalog);
        if let Some(c) = &case.catalog {
            expected.insert(c.canonicalize().unwrap());
        }
        assert!(
            expected.len() > case.inputs.len(),
            "{}: no imports?",
            case.name
        );
        assert_eq!(printed[case.name], expected, "{}", case.name);
    }
}
