//! Every fixture against the hand-written schemas in `wsdl/`, checked by an independent
//! validator (xmllint). xmllint is required: without it these tests fail, in CI and locally.
//!
//! - corrected fixtures: every SOAP header block and the body payload (or each fault detail
//!   entry) against the schema of its namespace; ECE documents whole;
//! - original seed text: rejected by xmllint for the reason the facts sheet gives;
//! - the fixtures index and the fixture names agree with the files and their content;
//! - the schemas are not vacuous: edited fixtures with a wrong value or element are rejected.

use std::path::{Path, PathBuf};

use soapstone_tests::{
    SOAP11_ENV_NS, SupportError, fixture_files, fixtures_dir, schema_for_namespace, soap_parts,
    xmllint_validate, xmllint_well_formed,
};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(fixtures_dir())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Validates `xml` against the schema of `namespace`; an error names the file and part.
fn validate_part(file: &Path, what: &str, namespace: &str, xml: &str) -> Result<(), String> {
    let schema = schema_for_namespace(namespace).ok_or_else(|| {
        format!(
            "{}: {what}: no schema for namespace {namespace:?}",
            relative(file)
        )
    })?;
    xmllint_validate(&schema, xml).map_err(|e| format!("{}: {what}: {e}", relative(file)))
}

/// All failures of one SOAP fixture (empty = valid).
fn check_envelope(file: &Path, text: &str) -> Vec<String> {
    let parts = match soap_parts(text) {
        Ok(parts) => parts,
        Err(e) => return vec![format!("{}: {e}", relative(file))],
    };
    let mut failures = Vec::new();
    for header in &parts.headers {
        let what = format!("header {}", header.local_name);
        if let Err(e) = validate_part(file, &what, &header.namespace, &header.xml) {
            failures.push(e);
        }
    }
    match (&parts.body, &parts.fault) {
        (None, _) => failures.push(format!("{}: empty Body", relative(file))),
        (Some(_), Some(fault)) => {
            if fault.details.is_empty() {
                failures.push(format!("{}: fault without detail entries", relative(file)));
            }
            for detail in &fault.details {
                let what = format!("fault detail {}", detail.local_name);
                if let Err(e) = validate_part(file, &what, &detail.namespace, &detail.xml) {
                    failures.push(e);
                }
            }
        }
        (Some(body), None) => {
            let what = format!("body {}", body.local_name);
            if let Err(e) = validate_part(file, &what, &body.namespace, &body.xml) {
                failures.push(e);
            }
        }
    }
    failures
}

fn root_of(text: &str) -> Result<(String, String), String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    Ok((
        root.tag_name().namespace().unwrap_or_default().to_owned(),
        root.tag_name().name().to_owned(),
    ))
}

/// Whole-document validation of an ECE fixture against the schema of its root's namespace.
fn check_ece_document(file: &Path, text: &str) -> Result<(), String> {
    let (namespace, _) = root_of(text).map_err(|e| format!("{}: {e}", relative(file)))?;
    validate_part(file, "document", &namespace, text)
}

#[test]
fn every_corrected_oracle_fixture_validates() {
    let files = fixture_files("oracle").expect("list oracle fixtures");
    assert!(
        files.len() >= 20,
        "expected the Oracle fixture set, found {} files",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .flat_map(|file| check_envelope(file, &read(file)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_corrected_ece_fixture_validates() {
    let files = fixture_files("ece").expect("list ece fixtures");
    assert!(
        files.len() >= 7,
        "expected the ECE fixture set, found {}",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|file| check_ece_document(file, &read(file)).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `get_chat_url.v1_2.request.xml` → ("get_chat_url", "request").
fn operation_and_direction(file: &Path) -> (String, String) {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = name.strip_suffix(".xml").unwrap_or(name);
    let segments: Vec<&str> = stem.split('.').collect();
    (
        segments.first().copied().unwrap_or_default().to_owned(),
        segments.last().copied().unwrap_or_default().to_owned(),
    )
}

fn pascal_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn oracle_fixture_names_match_their_payload() {
    let mut failures = Vec::new();
    for file in fixture_files("oracle").expect("list oracle fixtures") {
        let (operation, direction) = operation_and_direction(&file);
        let parts = soap_parts(&read(&file)).expect("corrected fixtures are envelopes");
        let body = parts.body.expect("corrected fixtures have a payload");
        let expected = match direction.as_str() {
            "request" => pascal_case(&operation),
            "response" if parts.fault.is_some() => "Fault".to_owned(),
            "response" => format!("{}Response", pascal_case(&operation)),
            other => {
                failures.push(format!("{}: direction {other:?}", relative(&file)));
                continue;
            }
        };
        if body.local_name != expected {
            failures.push(format!(
                "{}: body is {}, the name says {expected}",
                relative(&file),
                body.local_name
            ));
        }
        let expected_namespace = if body.local_name == "Fault" {
            SOAP11_ENV_NS
        } else if file.starts_with(fixtures_dir().join("oracle/server")) {
            "urn:messages.enduser.chat.ws.rightnow.com/v1"
        } else if file.starts_with(fixtures_dir().join("oracle/site_v1_1")) {
            "urn:messages.chat.ws.rightnow.com/v1_1"
        } else {
            "urn:messages.chat.ws.rightnow.com/v1_2"
        };
        if body.namespace != expected_namespace {
            failures.push(format!(
                "{}: body namespace {}, expected {expected_namespace}",
                relative(&file),
                body.namespace
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ece_fixture_names_match_their_root() {
    let roots = [
        ("agent_availability", "response", "", "agentAvailability"),
        ("capacity", "response", "", "availableSlots"),
        ("live_session_status", "response", "", "sessionStatus"),
        ("check_eligibility", "response", "", "checkEligibility"),
        ("chat_allowed", "response", "", "chatAllowed"),
        (
            "survey",
            "request",
            "http://bindings.egain.com/chat",
            "egainSurvey",
        ),
    ];
    for file in fixture_files("ece").expect("list ece fixtures") {
        let (operation, direction) = operation_and_direction(&file);
        let (_, _, ns, local) = roots
            .iter()
            .find(|(op, dir, _, _)| *op == operation && *dir == direction)
            .unwrap_or_else(|| panic!("{}: unknown operation/direction", relative(&file)));
        let (root_ns, root_local) = root_of(&read(&file)).expect("well-formed");
        assert_eq!(
            (root_ns.as_str(), root_local.as_str()),
            (*ns, *local),
            "{}",
            relative(&file)
        );
    }
}

/// What xmllint must say about an original seed sample.
enum Expect {
    /// Not well-formed: `xmllint --noout` fails and its message contains every fragment.
    NotWellFormed(&'static [&'static str]),
    /// Well-formed but invalid: schema validation fails with every fragment in the message.
    Invalid(&'static [&'static str]),
    /// Well-formed and valid as published.
    Valid,
}

/// Every original sample, with the reason the facts sheet gives (A.10, B.5).
const ORIGINALS: &[(&str, Expect)] = &[
    // B.5 #1: the XML declaration ends with "/>" instead of "?>".
    (
        "ece/original/agent_availability.response.xml",
        Expect::NotWellFormed(&["-:1:", "parsing XML declaration: '?>' expected"]),
    ),
    // B.5 #2: the start tag is split across two code blocks (the ``` fence lands inside it).
    (
        "ece/original/capacity.response.xml",
        Expect::NotWellFormed(&["-:3:", "Couldn't find end of Start Tag availableSlots"]),
    ),
    // B.5 #3: a space after the colon of an end tag: </ns2: queueDepth >.
    (
        "ece/original/live_session_status.response.xml",
        Expect::NotWellFormed(&["Failed to parse QName 'ns2:'", "</ns2: queueDepth >"]),
    ),
    // B.5 #4: unquoted attribute value responseType=0.
    (
        "ece/original/check_eligibility.response.xml",
        Expect::NotWellFormed(&["AttValue: \" or ' expected", "responseType=0"]),
    ),
    // B.5 #5: version="1.0. encoding=... : the quote after 1.0 became a dot.
    (
        "ece/original/chat_allowed.allowed.response.xml",
        Expect::NotWellFormed(&["-:1:", "parsing XML declaration: '?>' expected"]),
    ),
    (
        "ece/original/chat_allowed.not_allowed.response.xml",
        Expect::NotWellFormed(&["-:1:", "parsing XML declaration: '?>' expected"]),
    ),
    // B.5 #6: the Cisco sample has no namespace; the vendor client sends the namespaced form.
    (
        "ece/original/survey.request.xml",
        Expect::Invalid(&[
            "Element 'egainSurvey'",
            "No matching global declaration available for the validation root",
        ]),
    ),
    (
        "oracle/original/get_chat_url.v1_2.request.xml",
        Expect::Valid,
    ),
    (
        "oracle/original/get_chat_url.v1_2.response.xml",
        Expect::Valid,
    ),
    // A.10 #3: "<-- Must match the Token above!" is an annotation, not a comment.
    (
        "oracle/original/request_chat.request.xml",
        Expect::NotWellFormed(&["StartTag: invalid element name"]),
    ),
    // A.10 #3: "<--Will be used in future calls".
    (
        "oracle/original/request_chat.response.xml",
        Expect::NotWellFormed(&["StartTag: invalid element name"]),
    ),
    // A.10 #1: TransactionRequestData and its children are unqualified.
    (
        "oracle/original/retrieve_messages.request.xml",
        Expect::Invalid(&[
            "Element 'TransactionRequestData': This element is not expected",
            "{urn:messages.enduser.chat.ws.rightnow.com/v1}TransactionRequestData",
        ]),
    ),
    (
        "oracle/original/retrieve_messages.response.xml",
        Expect::Valid,
    ),
    // A.10 #4: ClientRequestTime "11:30:20" is not an xs:dateTime.
    (
        "oracle/original/post_chat_message.request.xml",
        Expect::Invalid(&[
            "ClientRequestTime",
            "'11:30:20' is not a valid value",
            "xs:dateTime",
        ]),
    ),
    (
        "oracle/original/post_chat_message.response.xml",
        Expect::Valid,
    ),
    // A.10 #4: ClientRequestTime "?" (a SoapUI placeholder).
    (
        "oracle/original/terminate_chat.request.xml",
        Expect::Invalid(&[
            "ClientRequestTime",
            "'?' is not a valid value",
            "xs:dateTime",
        ]),
    ),
    ("oracle/original/terminate_chat.response.xml", Expect::Valid),
];

fn check_original(path: &Path, expect: &Expect) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let is_ece = path.starts_with(fixtures_dir().join("ece"));
    let schema_check = |text: &str| -> Vec<String> {
        if is_ece {
            check_ece_document(path, text).err().into_iter().collect()
        } else {
            check_envelope(path, text)
        }
    };
    let well_formed = xmllint_well_formed(&bytes);
    match (expect, well_formed) {
        (Expect::NotWellFormed(fragments), Err(SupportError::Rejected { output, .. })) => {
            match fragments.iter().find(|f| !output.contains(**f)) {
                None => Ok(()),
                Some(missing) => Err(format!("message lacks {missing:?}:\n{output}")),
            }
        }
        (Expect::NotWellFormed(_), Ok(())) => Err("xmllint accepted it as well-formed".into()),
        (_, Err(SupportError::Rejected { output, .. })) => {
            Err(format!("expected well-formed, xmllint says:\n{output}"))
        }
        (_, Err(other)) => Err(other.to_string()),
        (Expect::Invalid(fragments), Ok(())) => {
            let text = String::from_utf8_lossy(&bytes);
            let failures = schema_check(&text).join("\n");
            if failures.is_empty() {
                return Err("the schema accepted it".into());
            }
            match fragments.iter().find(|f| !failures.contains(**f)) {
                None => Ok(()),
                Some(missing) => Err(format!("message lacks {missing:?}:\n{failures}")),
            }
        }
        (Expect::Valid, Ok(())) => {
            let failures = schema_check(&String::from_utf8_lossy(&bytes));
            if failures.is_empty() {
                Ok(())
            } else {
                Err(failures.join("\n"))
            }
        }
    }
}

#[test]
fn original_samples_are_rejected_for_the_documented_reason() {
    let mut on_disk: Vec<PathBuf> = Vec::new();
    for service in ["oracle/original", "ece/original"] {
        on_disk.extend(fixture_files(service).expect("list originals"));
    }
    let listed: Vec<PathBuf> = ORIGINALS
        .iter()
        .map(|(name, _)| fixtures_dir().join(name))
        .collect();
    on_disk.sort();
    let mut sorted_listed = listed.clone();
    sorted_listed.sort();
    assert_eq!(
        on_disk, sorted_listed,
        "every original sample must be classified in ORIGINALS"
    );
    let failures: Vec<String> = ORIGINALS
        .iter()
        .filter_map(|(name, expect)| {
            check_original(&fixtures_dir().join(name), expect)
                .err()
                .map(|e| format!("{name}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn original_samples_are_verbatim_excerpts_of_the_seeds() {
    let seeds = [
        ("oracle/original", "seeds/000_e6674be9cea31f4d.txt"),
        ("ece/original", "seeds/001_555158b5b3fd4352.txt"),
    ];
    for (dir, seed) in seeds {
        let seed_bytes = std::fs::read(fixtures_dir().join(seed)).expect("seed copy");
        for file in fixture_files(dir).expect("list originals") {
            let bytes = std::fs::read(&file).expect("original");
            assert!(!bytes.is_empty(), "{}", relative(&file));
            assert!(
                seed_bytes
                    .windows(bytes.len())
                    .any(|w| w == bytes.as_slice()),
                "{} is not a byte-for-byte excerpt of {seed}",
                relative(&file)
            );
        }
    }
}

#[test]
fn fixture_index_lists_every_fixture() {
    let index = read(&fixtures_dir().join("README.md"));
    let mut all = Vec::new();
    for dir in ["oracle", "ece", "oracle/original", "ece/original"] {
        all.extend(fixture_files(dir).expect("list fixtures"));
    }
    let missing: Vec<String> = all
        .iter()
        .map(|f| relative(f))
        .filter(|name| !index.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "not in tests/fixtures/README.md: {missing:?}"
    );
    // And no entry in the index names a file that does not exist.
    let stale: Vec<&str> = index
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|token| token.ends_with(".xml") && token.contains('/'))
        .filter(|token| !fixtures_dir().join(token).is_file())
        .collect();
    assert!(stale.is_empty(), "index names missing files: {stale:?}");
}

/// Applies `edit` (from → to, which must occur) to a corrected fixture and returns the
/// validation failures of the result.
fn failures_after_edit(fixture: &str, from: &str, to: &str) -> String {
    let path = fixtures_dir().join(fixture);
    let text = read(&path);
    assert!(text.contains(from), "{fixture} does not contain {from:?}");
    let edited = text.replacen(from, to, 1);
    if fixture.starts_with("ece/") {
        check_ece_document(&path, &edited).err().unwrap_or_default()
    } else {
        check_envelope(&path, &edited).join("\n")
    }
}

#[test]
fn schemas_reject_values_outside_the_model() {
    let cases = [
        // Closed enumerations.
        (
            "ece/check_eligibility.response.xml",
            "responseType=\"0\"",
            "responseType=\"3\"",
            "responseType",
        ),
        (
            "ece/chat_allowed.not_allowed.response.xml",
            "reason=\"entry_point_inactive\"",
            "reason=\"closed\"",
            "reason",
        ),
        (
            "oracle/server/retrieve_messages.response.xml",
            "<ns3:Role>LEAD</ns3:Role>",
            "<ns3:Role>BOSS</ns3:Role>",
            "Role",
        ),
        (
            "oracle/site_v1_2/get_chat_url.request.xml",
            "<rncm:UrlType>ENDUSER</rncm:UrlType>",
            "<rncm:UrlType>AGENT</rncm:UrlType>",
            "UrlType",
        ),
        // CreatedTime belongs to the common namespace, not enduser.
        (
            "oracle/server/retrieve_messages.response.xml",
            "<CreatedTime>2015-11-10T18:41:31.176Z</CreatedTime>",
            "<ns3:CreatedTime>2015-11-10T18:41:31.176Z</ns3:CreatedTime>",
            "CreatedTime",
        ),
        // An unknown enduser system message kind is not silently accepted.
        (
            "oracle/server/retrieve_messages.response.xml",
            "<ns3:RNChatMessagePostedMessage>",
            "<ns3:RNChatSomethingNewMessage>",
            "RNChatSomethingNewMessage",
        ),
        // The id attribute of ID is required.
        (
            "oracle/server/request_chat.response.xml",
            "<ns3:EngagementID id=\"123\"/>",
            "<ns3:EngagementID/>",
            "id",
        ),
        // Element order is part of the model.
        (
            "oracle/server/post_chat_message.request.xml",
            "<v11:ClientTransactionID>2</v11:ClientTransactionID>\n        <v11:SiteName>YourSiteName</v11:SiteName>",
            "<v11:SiteName>YourSiteName</v11:SiteName>\n        <v11:ClientTransactionID>2</v11:ClientTransactionID>",
            "SiteName",
        ),
        // Password types other than the two token-profile URIs.
        (
            "oracle/server/terminate_chat.request.xml",
            "#PasswordText",
            "#PasswordPlain",
            "Type",
        ),
        // Header blocks are validated too.
        (
            "oracle/server/post_chat_message.request.xml",
            "<AppID>Sample Chat Client</AppID>",
            "<AppId>Sample Chat Client</AppId>",
            "AppId",
        ),
    ];
    for (fixture, from, to, mention) in cases {
        let failures = failures_after_edit(fixture, from, to);
        assert!(
            failures.contains(mention),
            "{fixture}: replacing {from:?} by {to:?} should be rejected mentioning {mention:?}, got:\n{failures}"
        );
    }
}
