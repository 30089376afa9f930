//! README command 1 as a process: the `chat_session` example binary (what
//! `cargo run --example chat_session` runs), its exit codes and its environment variables.
//!
//! `cargo test` builds the examples next to the test binaries (`target/<profile>/examples`);
//! when only this test target was built, the example is built first with the same cargo.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(120);

fn example_binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary's path");
        // target/<profile>/deps/<test> → target/<profile>/examples/chat_session
        let profile_dir = exe
            .parent()
            .and_then(|deps| deps.parent())
            .expect("the test binary lives in target/<profile>/deps");
        let binary = profile_dir
            .join("examples")
            .join(format!("chat_session{}", std::env::consts::EXE_SUFFIX));
        if !binary.exists() {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
            let status = Command::new(cargo)
                .args([
                    "build",
                    "-p",
                    "soapstone-chat-session",
                    "--example",
                    "chat_session",
                ])
                .status()
                .expect("cargo runs");
            assert!(status.success(), "building the example failed");
        }
        assert!(binary.exists(), "{} was not built", binary.display());
        binary
    })
}

/// Runs the example with `args` and `env`, killing it if it outlives [`TIME_LIMIT`].
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(example_binary());
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // The caller's own settings must not leak into the run.
    for var in [
        "SOAPSTONE_ORACLE_SITE_URL",
        "SOAPSTONE_USERNAME",
        "SOAPSTONE_PASSWORD",
        "SOAPSTONE_SITE_NAME",
        "SOAPSTONE_APP_ID",
        "SOAPSTONE_DIGEST",
        "SOAPSTONE_ECE_URL",
        "SOAPSTONE_ENTRY_POINT",
        "SOAPSTONE_REPLY_TIMEOUT",
        "SOAPSTONE_TIMEOUT",
    ] {
        command.env_remove(var);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("the example starts");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("waiting on the example").is_some() {
            return child.wait_with_output().expect("the example's output");
        }
        if started.elapsed() > TIME_LIMIT {
            // Our own child, by its handle.
            let _ = child.kill();
            let output = child.wait_with_output().expect("the example's output");
            panic!(
                "the example did not finish within {TIME_LIMIT:?}:\n{}",
                String::from_utf8_lossy(&output.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_example_runs_both_sessions_and_exits_0() {
    let output = run(&[], &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for needle in [
        "embedded mock of both vendors on http://127.0.0.1:",
        "GetChatOperatingHours  open now",
        "RequestChat            SUCCESS",
        "Ada (mock agent) joined",
        "You said: Hello! Where is my order 1234?",
        "TerminateChat          chat ended",
        "checkEligibility       responseType 0",
        "HTTP 204",
        "done: Oracle chat",
    ] {
        assert!(stdout.contains(needle), "`{needle}` missing from\n{stdout}");
    }
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_wrong_password_from_the_environment_exits_1_naming_the_fault() {
    let output = run(
        &["--only", "oracle"],
        &[
            ("SOAPSTONE_PASSWORD", "wrong"),
            ("SOAPSTONE_DIGEST", "true"),
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("GetChatOperatingHours"), "{stderr}");
    assert!(stderr.contains("AUTHENTICATION_FAILED"), "{stderr}");
}

#[test]
fn a_bad_flag_exits_2_and_help_exits_0() {
    let output = run(&["--only", "nobody"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--only"));

    let output = run(&["--help"], &[]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--oracle-site-url",
        "SOAPSTONE_ORACLE_SITE_URL",
        "--username",
        "--password",
        "--site-name",
        "--app-id",
        "--digest",
        "--ece-url",
        "--entry-point",
        "--only",
    ] {
        assert!(help.contains(flag), "`{flag}` missing from\n{help}");
    }
}
