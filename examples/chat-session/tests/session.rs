//! The chat session of README command 1 against the mock: over HTTP (axum on 127.0.0.1) and
//! in memory, typed faults, the queue, timeouts, pointing at "another" server by URL and
//! credentials, and 200 concurrent sessions through one shared client.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use soapstone::soap::FaultSide;
use soapstone::transport::HttpTransport;
use soapstone_chat_session::cli::{self, Args};
use soapstone_chat_session::mock::{
    AGENT_CLIENT_ID, MockConfig, MockHandler, MockServer, memory_transport,
};
use soapstone_chat_session::session::{
    ChatEvent, EceTarget, OracleClients, OracleSummary, OracleTarget, SessionError, http_transport,
    run_ece_session, run_ece_session_with, run_oracle_session, run_oracle_session_with,
};
use soapstone_generated::bindings::messages_chat_ws_rightnow_v1_2::chat_site_binding as site;
use soapstone_generated::bindings::messages_enduser_chat_ws_rightnow_v1::chat_server_binding as chat;

use clap::Parser;

const TIME_LIMIT: Duration = Duration::from_secs(120);
const BASE: &str = "http://mock.invalid";

async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(TIME_LIMIT, future)
        .await
        .expect("the test finished in time")
}

fn target(site_url: impl Into<String>, lines: &[&str]) -> OracleTarget {
    let mut target = OracleTarget::new(site_url, "chat-user", "chat-secret");
    target.messages = lines.iter().map(|l| (*l).to_owned()).collect();
    target.poll_interval = Duration::from_millis(10);
    target.reply_timeout = Duration::from_secs(30);
    target
}

/// The events of a session with the default mock: the first line waits in the queue, the
/// agent joins and answers it, then answers each further line.
fn expected_events(lines: &[&str]) -> Vec<ChatEvent> {
    let mut events = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        events.push(ChatEvent::Sent {
            body: (*line).to_owned(),
        });
        if i == 0 {
            events.push(ChatEvent::Queued {
                position: Some(1),
                expected_wait_seconds: Some(15),
            });
            events.push(ChatEvent::AgentJoined {
                name: "Ada (mock agent)".to_owned(),
                greeting: Some("Hi, I'm Ada. How can I help you today?".to_owned()),
                client_id: AGENT_CLIENT_ID,
            });
        }
        events.push(ChatEvent::Received {
            client_id: AGENT_CLIENT_ID,
            body: format!("You said: {line}"),
        });
    }
    events
}

fn assert_oracle_summary(summary: &OracleSummary, chat_url: &str, lines: &[&str]) {
    assert!(summary.in_operating_hours);
    assert!(!summary.in_holiday);
    assert_eq!(summary.intervals, 5);
    assert_eq!(summary.chat_url, chat_url);
    assert_eq!(summary.site_name, "soapstone_mock");
    assert!(summary.session_id.starts_with("mock-session-"));
    assert!(summary.agent_joined());
    assert_eq!(summary.events, expected_events(lines));
    // Hours, URL, RequestChat, SendActivityChange, the posts and retrievals, TerminateChat.
    assert_eq!(summary.calls, 5 + lines.len() + summary.retrievals);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_sessions_over_http() {
    bounded(async {
        let server = MockServer::start(MockConfig::default())
            .await
            .expect("the mock starts");
        let lines = ["Hello there", "Is my parcel late?", "Thanks"];
        let mut transcript = Vec::new();
        let oracle = run_oracle_session(&target(server.oracle_site_url(), &lines), &mut transcript)
            .await
            .expect("the Oracle session");
        assert_oracle_summary(&oracle, &server.oracle_chat_url(), &lines);
        assert_eq!(server.auth_stats().text(), oracle.calls);
        assert_eq!(
            server.services().chat.active_sessions(),
            0,
            "TerminateChat ended it"
        );

        let ece = run_ece_session(
            &EceTarget::new(server.ece_base_url(), 1000),
            &mut transcript,
        )
        .await
        .expect("the ECE session");
        assert!(ece.chat_allowed);
        assert_eq!(ece.not_allowed_reason, None);
        assert!(ece.agent_available);
        assert_eq!(ece.capacity, 5);
        assert_eq!(ece.queue_depth, 0);
        assert_eq!(ece.eligibility, "0");
        assert_eq!(ece.survey_status, 204);
        let surveys = server.services().ece.surveys();
        assert_eq!(surveys.len(), 1);
        assert_eq!(surveys[0].sid, "soapstone-demo");
        assert_eq!(surveys[0].survey.len(), 2);

        let text = String::from_utf8(transcript).expect("UTF-8");
        for needle in [
            "GetChatOperatingHours",
            "RequestChat            SUCCESS",
            "Ada (mock agent) joined",
            "Ada (mock agent): You said: Is my parcel late?",
            "TerminateChat",
            "survey (POST)",
            "HTTP 204",
        ] {
            assert!(text.contains(needle), "`{needle}` missing from\n{text}");
        }
        assert_eq!(server.requests_served(), oracle.calls + 6);
        server.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn both_sessions_in_memory_with_password_digest() {
    let handler = MockHandler::new(MockConfig::default(), BASE);
    let services = handler.services().clone();
    let transport = memory_transport(handler);
    let lines = ["one", "two"];
    let mut target = target(format!("{BASE}/services/soap/chat/v1_2"), &lines);
    target.digest = true;
    let clients = OracleClients::new(transport.clone(), &target);
    let summary = bounded(run_oracle_session_with(
        &clients,
        &target,
        &mut std::io::sink(),
    ))
    .await
    .expect("the Oracle session");
    let chat_url = format!("{BASE}/Chat/chat/soapstone_mock");
    assert_oracle_summary(&summary, &chat_url, &lines);
    assert_eq!(services.auth.digest(), summary.calls);
    assert_eq!(services.auth.text(), 0);

    // What went over the wire: the site twice, then only the ChatUrl; credentials and the
    // client header on every call, the SessionID on every call after RequestChat.
    let requests = transport.requests();
    assert_eq!(requests.len(), summary.calls);
    for (i, request) in requests.iter().enumerate() {
        let body = String::from_utf8_lossy(&request.body);
        assert!(body.contains("PasswordDigest"), "call {i}: {body}");
        if i < 2 {
            assert!(request.url.ends_with("/services/soap/chat/v1_2"));
            assert!(body.contains("ClientRequestHeader"), "call {i}: {body}");
        } else {
            assert_eq!(request.url, chat_url);
            assert!(body.contains("ChatClientInfoHeader"), "call {i}: {body}");
            assert_eq!(
                body.contains(&summary.session_id),
                i > 2,
                "SessionID on call {i}: {body}"
            );
        }
    }

    let ece = bounded(run_ece_session_with(
        &transport,
        &EceTarget::new(format!("{BASE}/system/egain/chat/entrypoint/"), 1000),
        &mut std::io::sink(),
    ))
    .await
    .expect("the ECE session");
    assert_eq!(ece.survey_status, 204);
    assert_eq!(services.ece.surveys().len(), 1);
}

#[tokio::test]
async fn unknown_entry_point_is_reported_not_allowed() {
    let transport = memory_transport(MockHandler::new(MockConfig::default(), BASE));
    let err = bounded(run_ece_session_with(
        &transport,
        &EceTarget::new(format!("{BASE}/system/egain/chat/entrypoint/"), 4242),
        &mut std::io::sink(),
    ))
    .await
    .unwrap_err();
    // chatAllowed and agentAvailability answer (not allowed, nobody available); capacity is
    // a 400 for an entry point that does not exist.
    let SessionError::Ece { operation, .. } = &err else {
        panic!("expected an ECE error, got {err}");
    };
    assert_eq!(*operation, "capacity");
}

fn typed_code(err: &SessionError) -> (&'static str, String) {
    match err {
        SessionError::Site {
            operation, source, ..
        } => match source.fault().and_then(|f| f.typed_detail()) {
            Some(site::Fault::RequestErrorFault(d)) => (operation, d.exception_code.clone()),
            _ => panic!("expected a typed site fault: {err}"),
        },
        SessionError::Chat {
            operation, source, ..
        } => match source.fault().and_then(|f| f.typed_detail()) {
            Some(chat::Fault::RequestErrorFault(d)) => (operation, d.exception_code.clone()),
            _ => panic!("expected a typed chat fault: {err}"),
        },
        other => panic!("expected a fault, got {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_is_a_typed_fault() {
    bounded(async {
        let server = MockServer::start(MockConfig::default())
            .await
            .expect("the mock starts");
        for digest in [false, true] {
            let mut target = target(server.oracle_site_url(), &["hi"]);
            target.password = "not the password".to_owned();
            target.digest = digest;
            let err = run_oracle_session(&target, &mut std::io::sink())
                .await
                .unwrap_err();
            assert_eq!(
                typed_code(&err),
                ("GetChatOperatingHours", "AUTHENTICATION_FAILED".to_owned())
            );
            let SessionError::Site { source, .. } = &err else {
                unreachable!("checked above");
            };
            assert_eq!(
                source.fault().and_then(|f| f.side()),
                Some(FaultSide::Receiver)
            );
            assert!(err.to_string().contains("AUTHENTICATION_FAILED"), "{err}");
        }

        // Right credentials for the site, wrong ones for the chat server.
        let good = target(server.oracle_site_url(), &["hi"]);
        let mut bad = good.clone();
        bad.password = "wrong".to_owned();
        let transport = Arc::new(http_transport(Duration::from_secs(30)).expect("HTTP"));
        let clients = OracleClients {
            site: OracleClients::new(Arc::clone(&transport), &good).site,
            chat: OracleClients::new(Arc::clone(&transport), &bad).chat,
        };
        let err = run_oracle_session_with(&clients, &good, &mut std::io::sink())
            .await
            .unwrap_err();
        assert_eq!(
            typed_code(&err),
            ("RequestChat", "AUTHENTICATION_FAILED".to_owned())
        );
        assert_eq!(server.auth_stats().refused(), 3);
        assert_eq!(server.services().chat.active_sessions(), 0);
        server.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn wrong_site_name_is_a_typed_fault() {
    let transport = memory_transport(MockHandler::new(MockConfig::default(), BASE));
    let mut target = target(format!("{BASE}/services/soap/chat/v1_2"), &["hi"]);
    target.site_name = Some("another_site".to_owned());
    let clients = OracleClients::new(transport, &target);
    let err = bounded(run_oracle_session_with(
        &clients,
        &target,
        &mut std::io::sink(),
    ))
    .await
    .unwrap_err();
    assert_eq!(
        typed_code(&err),
        ("RequestChat", "INVALID_SITE_NAME".to_owned())
    );
}

#[tokio::test]
async fn a_longer_queue_is_reported_position_by_position() {
    let config = MockConfig {
        queue_polls: 3,
        ..MockConfig::default()
    };
    let transport = memory_transport(MockHandler::new(config, BASE));
    let target = target(format!("{BASE}/services/soap/chat/v1_2"), &["anyone?"]);
    let clients = OracleClients::new(transport, &target);
    let summary = bounded(run_oracle_session_with(
        &clients,
        &target,
        &mut std::io::sink(),
    ))
    .await
    .expect("the session");
    let positions: Vec<Option<i32>> = summary
        .events
        .iter()
        .filter_map(|e| match e {
            ChatEvent::Queued { position, .. } => Some(*position),
            _ => None,
        })
        .collect();
    assert_eq!(positions, [Some(3), Some(2), Some(1)]);
    assert_eq!(summary.retrievals, 4);
    assert_eq!(summary.replies(), ["You said: anyone?"]);
}

#[tokio::test]
async fn closed_site_does_not_start_a_chat() {
    let config = MockConfig {
        in_operating_hours: false,
        ..MockConfig::default()
    };
    let transport = memory_transport(MockHandler::new(config, BASE));
    let target = target(format!("{BASE}/services/soap/chat/v1_2"), &["hello?"]);
    let clients = OracleClients::new(transport, &target);
    let mut transcript = Vec::new();
    let err = bounded(run_oracle_session_with(&clients, &target, &mut transcript))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SessionError::NotStarted { result } if result == "FAIL_OUT_OF_HOURS"),
        "{err}"
    );
    let text = String::from_utf8(transcript).expect("UTF-8");
    assert!(text.contains("closed now"), "{text}");
}

#[tokio::test]
async fn an_agent_who_never_comes_times_out_and_the_chat_is_still_ended() {
    let config = MockConfig {
        queue_polls: u32::MAX,
        ..MockConfig::default()
    };
    let handler = MockHandler::new(config, BASE);
    let services = handler.services().clone();
    let transport = memory_transport(handler);
    let mut target = target(format!("{BASE}/services/soap/chat/v1_2"), &["hello?"]);
    target.reply_timeout = Duration::from_millis(300);
    target.poll_interval = Duration::from_millis(20);
    let clients = OracleClients::new(transport, &target);
    let err = bounded(run_oracle_session_with(
        &clients,
        &target,
        &mut std::io::sink(),
    ))
    .await
    .unwrap_err();
    let SessionError::NoReply {
        line,
        joined,
        retrievals,
        waited,
    } = &err
    else {
        panic!("expected NoReply, got {err}");
    };
    assert_eq!(line, "hello?");
    assert!(!joined);
    assert!(*retrievals >= 2, "{retrievals}");
    assert!(*waited >= Duration::from_millis(300), "{waited:?}");
    assert_eq!(
        services.chat.active_sessions(),
        0,
        "TerminateChat still ran"
    );
}

// ---------------------------------------------------------------------------------------------
// 200 sessions at once through one shared client

async fn concurrent_sessions(
    clients: Arc<OracleClients<impl soapstone::transport::Transport + 'static>>,
    site_url: &str,
) -> HashSet<String> {
    let mut tasks = Vec::new();
    for n in 0..200 {
        let clients = Arc::clone(&clients);
        let lines: Vec<String> = (0..4).map(|k| format!("session {n} line {k}")).collect();
        let mut target = target(site_url, &[]);
        target.messages = lines.clone();
        tasks.push(tokio::spawn(async move {
            let mut transcript = Vec::new();
            let summary = run_oracle_session_with(&clients, &target, &mut transcript)
                .await
                .unwrap_or_else(|e| panic!("session {n}: {e}"));
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            // Exactly this session's answers, in the order its lines were posted, and
            // nothing from any other session.
            assert_eq!(summary.events, expected_events(&refs), "session {n}");
            let expected: Vec<String> = lines.iter().map(|l| format!("You said: {l}")).collect();
            assert_eq!(summary.replies(), expected, "session {n}");
            summary.session_id
        }));
    }
    let mut ids = HashSet::new();
    for task in tasks {
        ids.insert(task.await.expect("a session task"));
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_sessions_through_one_client_over_http() {
    bounded(async {
        let server = MockServer::start(MockConfig::default())
            .await
            .expect("the mock starts");
        let site_url = server.oracle_site_url();
        let transport: HttpTransport = http_transport(Duration::from_secs(60)).expect("HTTP");
        let clients = Arc::new(OracleClients::new(
            transport,
            &target(site_url.as_str(), &[]),
        ));
        let ids = concurrent_sessions(clients, &site_url).await;
        assert_eq!(ids.len(), 200, "every session had its own SessionID");
        assert_eq!(server.services().chat.active_sessions(), 0);
        assert_eq!(server.auth_stats().refused(), 0);
        server.shutdown().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_sessions_through_one_client_in_memory() {
    let handler = MockHandler::new(MockConfig::default(), BASE);
    let services = handler.services().clone();
    let site_url = format!("{BASE}/services/soap/chat/v1_2");
    let clients = Arc::new(OracleClients::new(
        memory_transport(handler),
        &target(site_url.as_str(), &[]),
    ));
    let ids = bounded(concurrent_sessions(clients, &site_url)).await;
    assert_eq!(ids.len(), 200);
    assert_eq!(services.chat.active_sessions(), 0);
}

// ---------------------------------------------------------------------------------------------
// The command line, in process

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_runs_both_sessions_against_the_embedded_mock() {
    let args = Args::try_parse_from(["chat_session"]).expect("no arguments are valid");
    let mut out = Vec::new();
    let summary = bounded(cli::run(&args, &mut out)).await.expect("the run");
    let oracle = summary.oracle.expect("the Oracle session ran");
    assert_eq!(oracle.replies().len(), 2);
    assert_eq!(summary.ece.expect("the ECE session ran").survey_status, 204);
    assert_eq!(summary.mock_requests, Some(oracle.calls + 6));
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(
        text.starts_with("soapstone chat session: embedded mock"),
        "{text}"
    );
    assert!(text.contains("done: Oracle chat"), "{text}");
}

/// A "real" server: a mock the command line does not know, with its own credentials and site
/// name, reached only through the flags.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_points_at_another_server_by_url_and_credentials() {
    bounded(async {
        let server = MockServer::start(MockConfig {
            username: "alice".to_owned(),
            password: "wonderland".to_owned(),
            site_name: "acme".to_owned(),
            app_id: Some("acme portal".to_owned()),
            entry_points: vec![77],
            ..MockConfig::default()
        })
        .await
        .expect("the mock starts");
        let site = server.oracle_site_url();
        let ece = server.ece_base_url();
        let args = Args::try_parse_from([
            "chat_session",
            "--oracle-site-url",
            site.as_str(),
            "--username",
            "alice",
            "--password",
            "wonderland",
            "--app-id",
            "acme portal",
            "--digest",
            "--message",
            "first",
            "--message",
            "second",
            "--ece-url",
            ece.as_str(),
            "--entry-point",
            "77",
        ])
        .expect("valid flags");
        let mut out = Vec::new();
        let summary = cli::run(&args, &mut out).await.expect("the run");
        assert_eq!(summary.mock_requests, None, "no embedded mock was started");
        let oracle = summary.oracle.expect("Oracle ran");
        assert_eq!(oracle.site_name, "acme");
        assert_eq!(oracle.replies(), ["You said: first", "You said: second"]);
        assert_eq!(server.auth_stats().digest(), oracle.calls);
        assert_eq!(summary.ece.expect("ECE ran").entry_point, 77);
        assert_eq!(server.services().ece.surveys().len(), 1);

        // Without credentials a real site is refused before any call.
        let args = Args::try_parse_from(["chat_session", "--oracle-site-url", site.as_str()])
            .expect("valid flags");
        let err = cli::run(&args, &mut Vec::new()).await.unwrap_err();
        assert!(err.to_string().contains("--username"), "{err}");
        server.shutdown().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_only_one_half() {
    bounded(async {
        let args = Args::try_parse_from(["chat_session", "--only", "ece"]).expect("valid");
        let summary = cli::run(&args, &mut Vec::new()).await.expect("the run");
        assert!(summary.oracle.is_none());
        assert_eq!(summary.mock_requests, Some(6));
        let args = Args::try_parse_from(["chat_session", "--only", "oracle"]).expect("valid");
        let summary = cli::run(&args, &mut Vec::new()).await.expect("the run");
        assert!(summary.ece.is_none());
        assert!(summary.oracle.is_some());
    })
    .await;
}
