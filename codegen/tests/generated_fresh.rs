//! The checked-in `generated/src/bindings` must be exactly what the documented command
//! produces today (the tonic-build habit): regenerate with
//!
//! ```text
//! cargo run -p soapstone-codegen -- generate wsdl/oracle/chat-server.wsdl \
//!     wsdl/oracle/chat-site-v1_1.wsdl wsdl/oracle/chat-site-v1_2.wsdl \
//!     wsdl/ece/ece-chat-11.6.wsdl -o generated/src/bindings
//! ```

use std::path::PathBuf;

use soapstone_codegen::{Layout, Settings};

/// The inputs exactly as the regeneration command names them (relative to the workspace root,
/// since they appear in the `@generated` header).
const INPUTS: [&str; 4] = [
    "wsdl/oracle/chat-server.wsdl",
    "wsdl/oracle/chat-site-v1_1.wsdl",
    "wsdl/oracle/chat-site-v1_2.wsdl",
    "wsdl/ece/ece-chat-11.6.wsdl",
];

#[test]
fn checked_in_bindings_are_up_to_date() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    // This test binary holds this single test, so changing the directory affects nothing else.
    std::env::set_current_dir(&workspace).unwrap();
    let mut s = Settings::new();
    s.with_inputs(INPUTS).with_layout(Layout::ModuleFiles);
    let generated = s.generate().expect("chat WSDLs generate");
    let dir = workspace.join("generated/src/bindings");
    let mut stale = Vec::new();
    for f in &generated.files {
        let on_disk = std::fs::read_to_string(dir.join(&f.path)).unwrap_or_default();
        if on_disk != f.contents {
            stale.push(f.path.display().to_string());
        }
    }
    let mut expected: Vec<String> = generated
        .files
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    expected.sort();
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    assert_eq!(
        present,
        expected,
        "extra or missing files in {}",
        dir.display()
    );
    assert!(
        stale.is_empty(),
        "generated/src/bindings is stale ({}); rerun the command in this file's header",
        stale.join(", ")
    );
}
