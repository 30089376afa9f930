//! `soapstone inspect`, run as a process: the chat WSDLs (every operation with its action or
//! HTTP location, headers and faults), real-world corpus WSDLs (no crash, the operation count
//! the WSDL itself declares), determinism, and bad input.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn soapstone(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_soapstone"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run soapstone")
}

fn inspect_ok(args: &[&str]) -> String {
    let mut full = vec!["inspect"];
    full.extend_from_slice(args);
    let out = soapstone(&full);
    assert!(
        out.status.success(),
        "soapstone {full:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const CHAT: [&str; 4] = [
    "wsdl/oracle/chat-server.wsdl",
    "wsdl/oracle/chat-site-v1_1.wsdl",
    "wsdl/oracle/chat-site-v1_2.wsdl",
    "wsdl/ece/ece-chat-11.6.wsdl",
];

/// The lines of one operation's block, found under the first binding whose heading ends with
/// `binding_suffix`.
fn operation<'a>(text: &'a str, binding_suffix: &str, op: &str) -> Vec<&'a str> {
    let mut in_binding = false;
    let mut in_op = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if let Some(b) = line.strip_prefix("Binding: ") {
            if !lines.is_empty() {
                break;
            }
            in_binding = b.ends_with(binding_suffix);
            in_op = false;
            continue;
        }
        if let Some(name) = line.strip_prefix("  Operation: ") {
            if in_op {
                break;
            }
            in_op = in_binding && name == op;
            continue;
        }
        if in_op {
            if !line.starts_with("    ") {
                break;
            }
            lines.push(line.trim());
        }
    }
    assert!(
        !lines.is_empty(),
        "operation {op} of binding *{binding_suffix} not listed in:\n{text}"
    );
    lines
}

#[test]
fn oracle_operations_with_actions_headers_and_faults() {
    let text = inspect_ok(&CHAT);
    let server = [
        "RequestChat",
        "RetrieveMessages",
        "PostChatMessage",
        "SendActivityChange",
        "TerminateChat",
    ];
    for op in server {
        let lines = operation(&text, ":ChatServerBinding", op);
        assert!(
            lines.contains(&format!("soapAction: \"{op}\"").as_str()),
            "{op}: {lines:?}"
        );
        assert!(lines.contains(&"style: document"), "{op}: {lines:?}");
        assert!(
            has_local(&lines, "body: parameters = element", op),
            "{op}: {lines:?}"
        );
        assert!(
            has_local(
                &lines,
                "body: parameters = element",
                &format!("{op}Response")
            ),
            "{op}: {lines:?}"
        );
        assert!(
            has_local(
                &lines,
                "header: ChatClientInfoHeader = element",
                "ChatClientInfoHeader"
            ),
            "{op}: {lines:?}"
        );
        assert!(
            has_local(&lines, "header: Security = element", "Security"),
            "{op}: {lines:?}"
        );
        for fault in [
            "RequestErrorFault",
            "ServerErrorFault",
            "UnexpectedErrorFault",
        ] {
            assert!(
                has_local(&lines, &format!("fault {fault}: fault = element"), fault),
                "{op}: {lines:?}"
            );
        }
    }
    for op in ["GetChatUrl", "GetChatOperatingHours"] {
        let lines = operation(&text, ":ChatSiteBinding", op);
        assert!(
            lines.contains(&format!("soapAction: \"{op}\"").as_str()),
            "{op}: {lines:?}"
        );
        assert!(
            has_local(&lines, "body: parameters = element", op),
            "{op}: {lines:?}"
        );
    }
    // Both site versions are listed, each with its two operations.
    assert_eq!(text.matches("Binding: ").count(), 5, "{text}");
    assert_eq!(
        text.matches("  Operation: GetChatUrl\n").count(),
        2,
        "{text}"
    );
    let server_port = text
        .split("Service: ")
        .find(|s| s.contains("ChatServerService"))
        .expect("server service listed");
    assert!(
        server_port.contains("Port: ChatServerPort"),
        "{server_port}"
    );
    assert!(
        server_port.contains(":ChatServerBinding (soap1.1)"),
        "{server_port}"
    );
    assert!(server_port.contains("address: https://"), "{server_port}");
}

/// Whether a line starting with `prefix` names an element or type whose local name is `local`.
fn has_local(lines: &[&str], prefix: &str, local: &str) -> bool {
    lines.iter().any(|l| {
        l.starts_with(prefix)
            && l[prefix.len()..]
                .split([' ', ','])
                .any(|w| w.rsplit(':').next() == Some(local))
    })
}

#[test]
fn ece_operations_with_http_locations() {
    let text = inspect_ok(&CHAT);
    for op in [
        "agentAvailability",
        "capacity",
        "liveSessionStatus",
        "checkEligibility",
        "chatAllowed",
    ] {
        let lines = operation(&text, ":EntryPointStatusGetBinding", op);
        assert!(
            lines.contains(&format!("http: GET {op}/(id)").as_str()),
            "{op}: {lines:?}"
        );
        assert!(
            lines.contains(&"part: id = type xsd:long"),
            "{op}: {lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("input:") && l.ends_with("[urlReplacement]")),
            "{op}: {lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("output:") && l.ends_with("[mime text/xml]")),
            "{op}: {lines:?}"
        );
    }
    let survey = operation(&text, ":EntryPointSurveyPostBinding", "survey");
    assert!(survey.contains(&"http: POST survey"), "{survey:?}");
    assert!(
        has_local(&survey, "part: body = element", "egainSurvey"),
        "{survey:?}"
    );
    assert!(survey.contains(&"output: none (one-way)"), "{survey:?}");
    assert!(text.contains("binding: ns"), "{text}");
    assert!(
        text.contains(":EntryPointStatusGetBinding (http-get)"),
        "{text}"
    );
    assert!(
        text.contains(":EntryPointSurveyPostBinding (http-post)"),
        "{text}"
    );
    // 7 Oracle operations (5 server + 2 per site version) and 6 ECE operations.
    assert_eq!(
        text.matches("\n  Operation: ").count(),
        5 + 2 + 2 + 6,
        "{text}"
    );
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let a = inspect_ok(&CHAT);
    let b = inspect_ok(&CHAT);
    let mut reversed = CHAT;
    reversed.reverse();
    let c = inspect_ok(&reversed);
    assert_eq!(a, b);
    assert_eq!(a, c);
}

/// Operations the WSDL's bindings declare, counted with roxmltree independently of the
/// generator's loader.
fn declared_operations(path: &Path) -> usize {
    let text = std::fs::read(path).unwrap();
    // mantisconnect is ISO-8859-1 but its markup is ASCII, so a lossy decode keeps every tag.
    let text = String::from_utf8_lossy(&text).replace("encoding=\"ISO-8859-1\"", "");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let wsdl = "http://schemas.xmlsoap.org/wsdl/";
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((wsdl, "binding")))
        .flat_map(|b| b.children().filter(|n| n.has_tag_name((wsdl, "operation"))))
        .count()
}

fn inspected_operations(text: &str) -> usize {
    text.matches("\n  Operation: ").count()
}

#[test]
fn corpus_wsdls() {
    let corpus = common::corpus();
    let cases: [(&str, Option<&str>, Option<usize>); 6] = [
        // Counts stated by the corpus README where it gives one.
        ("mantisbt-mantisconnect/mantisconnect.wsdl", None, Some(72)),
        ("aws-ec2-2013/ec2.wsdl", None, Some(151)),
        ("ews-2016/services.wsdl", None, None),
        (
            "onvif-2.4-zeep/devicemgmt.wsdl",
            Some("onvif-2.4-zeep/catalog.xml"),
            None,
        ),
        (
            "onvif-2.4-zeep/remotediscovery.wsdl",
            Some("onvif-2.4-zeep/catalog.xml"),
            None,
        ),
        (
            "classic-public-services/webservicex-globalweather.wsdl",
            None,
            None,
        ),
    ];
    for (file, catalog, stated) in cases {
        let path = corpus.join(file);
        let mut args = vec![path.to_str().unwrap().to_string()];
        if let Some(c) = catalog {
            args.push("--catalog".into());
            args.push(corpus.join(c).to_str().unwrap().to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let text = inspect_ok(&args);
        let declared = declared_operations(&path);
        assert!(declared > 0, "{file}");
        assert_eq!(inspected_operations(&text), declared, "{file}:\n{text}");
        if let Some(n) = stated {
            assert_eq!(declared, n, "{file}");
        }
    }
    // rpc/encoded: the body namespace and `use` are shown, parts are typed.
    let mantis = inspect_ok(&[corpus
        .join("mantisbt-mantisconnect/mantisconnect.wsdl")
        .to_str()
        .unwrap()]);
    let login = operation(&mantis, ":MantisConnectBinding", "mc_login");
    assert!(login.contains(&"style: rpc"), "{login:?}");
    assert!(
        login.contains(&"body: username = type xsd:string"),
        "{login:?}"
    );
    assert!(
        login.iter().any(|l| l.starts_with("input:")
            && l.contains("[encoded, namespace http://futureware.biz/mantisconnect]")),
        "{login:?}"
    );
    // SOAP 1.2 (ONVIF): the action is labelled as such.
    let onvif = inspect_ok(&[
        corpus
            .join("onvif-2.4-zeep/devicemgmt.wsdl")
            .to_str()
            .unwrap(),
        "--catalog",
        corpus.join("onvif-2.4-zeep/catalog.xml").to_str().unwrap(),
    ]);
    let caps = operation(&onvif, ":DeviceBinding", "GetCapabilities");
    assert!(
        caps.contains(&"action: \"http://www.onvif.org/ver10/device/wsdl/GetCapabilities\""),
        "{caps:?}"
    );
}

#[test]
fn dangling_binding_reference_is_shown_not_fatal() {
    let path = common::corpus().join("w3c-wsdl11-examples/wsdl11-spec-example1-stockquote.wsdl");
    let text = inspect_ok(&[path.to_str().unwrap()]);
    assert!(
        text.contains("binding: ns0:StockQuoteBinding (not defined)"),
        "{text}"
    );
    assert_eq!(inspected_operations(&text), 1, "{text}");
}

#[test]
fn malformed_wsdl_fails_with_location_and_snippet() {
    let dir = common::write_set(
        "inspect-bad",
        &[(
            "bad.wsdl",
            "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n  <message name=\"a\">\n  </mesage>\n</definitions>\n",
        )],
    );
    let bad = dir.join("bad.wsdl");
    let out = soapstone(&["inspect", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "no listing on error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not well-formed XML"), "{err}");
    assert!(err.contains("bad.wsdl:3:3"), "{err}");
    assert!(err.contains("3 |   </mesage>"), "{err}");
    assert!(err.contains("  |   ^"), "{err}");
}

#[test]
fn unknown_prefix_and_missing_file_fail_cleanly() {
    let dir = common::write_set(
        "inspect-prefix",
        &[(
            "p.wsdl",
            "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" targetNamespace=\"urn:t\">\n  <message name=\"m\">\n    <part name=\"p\" element=\"q:E\"/>\n  </message>\n</definitions>\n",
        )],
    );
    let out = soapstone(&["inspect", dir.join("p.wsdl").to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("p.wsdl:3:5"), "{err}");
    assert!(err.contains("`q"), "{err}");

    let missing = dir.join("nope.wsdl");
    let out = soapstone(&["inspect", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope.wsdl"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
