//! The binary itself: configuration errors, the secret key, create-admin.
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_mitwirken");

fn run(args: &[&str], env: &[(&str, &str)], data_dir: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("MITWIRKEN_DATA_DIR", data_dir)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn a_bad_setting_ends_with_one_line_naming_the_variable_and_exit_code_2() {
    let tmp = tempfile::tempdir().unwrap();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy_addr = busy.local_addr().unwrap().to_string();
    for (var, value, args) in [
        ("MITWIRKEN_ADDR", "nonsense", vec!["serve"]),
        ("MITWIRKEN_DATABASE_URL", "mysql://x", vec!["migrate"]),
        (
            "MITWIRKEN_DATABASE_URL",
            "postgres://nobody@127.0.0.1:1/none",
            vec!["migrate"],
        ),
        ("MITWIRKEN_BASE_URL", "kaputt", vec!["serve"]),
        ("MITWIRKEN_SMTP_URL", "http://mail", vec!["serve"]),
        ("MITWIRKEN_ADDR", busy_addr.as_str(), vec!["serve"]),
    ] {
        let out = run(&args, &[(var, value)], tmp.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{var}={value}: {stderr}");
        let last = stderr.lines().last().unwrap_or("");
        assert!(
            last.starts_with(&format!("mitwirken: {var}:")),
            "{var}={value}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn every_command_has_help() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in ["serve", "migrate", "create-admin", "seed-demo"] {
        let out = run(&[cmd, "--help"], &[], tmp.path());
        assert!(out.status.success(), "{cmd}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{cmd}"
        );
    }
}

#[test]
fn serve_creates_a_private_secret_key_and_answers_health_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(BIN)
        .env_clear()
        .env("MITWIRKEN_DATA_DIR", tmp.path())
        .env("MITWIRKEN_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let mut healthy = false;
    while started.elapsed() < Duration::from_secs(20) {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::Read;
            s.write_all(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                .unwrap();
            let mut answer = String::new();
            let _ = s.read_to_string(&mut answer);
            healthy = answer.starts_with("HTTP/1.0 200") && answer.contains("\"database\":\"ok\"");
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(healthy, "serve did not answer /healthz");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(tmp.path().join("secret.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn create_admin_reads_the_password_from_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(run(&["seed-demo"], &[], tmp.path()).status.success());
    let admin = |password: &str| {
        let mut child = Command::new(BIN)
            .args([
                "create-admin",
                "--email",
                "neu@sachsen.example",
                "--tenant",
                "sachsen",
            ])
            .env_clear()
            .env("MITWIRKEN_DATA_DIR", tmp.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = admin("kurz");
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("mindestens 12 Zeichen"));
    let ok = admin("Ein sicheres Passwort");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let again = admin("Ein sicheres Passwort");
    assert_eq!(again.status.code(), Some(2), "the address is taken");
}

#[test]
fn a_short_or_empty_secret_key_is_refused_with_exit_code_2() {
    for key in [
        "",
        "c2hvcnQ=",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("secret.key"), key).unwrap();
        let out = run(&["serve"], &[("MITWIRKEN_ADDR", "127.0.0.1:0")], tmp.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{key:?}: {stderr}");
        let last = stderr.lines().last().unwrap_or("");
        assert!(
            last.starts_with("mitwirken: MITWIRKEN_DATA_DIR:") && last.contains("at least 32"),
            "{key:?}: {stderr}"
        );
    }
}

#[test]
fn deadlines_prints_the_schedule_as_json_and_refuses_bad_input_with_exit_code_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(
        &[
            "deadlines",
            "--display-start",
            "2026-03-04",
            "--state",
            "SN",
        ],
        &[],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["display_start"], "2026-03-04");
    // 3 April 2026 is Good Friday, then Saturday, Easter Sunday and Monday.
    assert_eq!(json["display_end"], "2026-04-07");
    assert_eq!(json["objection_deadline"], "2026-04-21");
    assert_eq!(json["latest_announcement"], "2026-02-25");
    assert!(
        json["basis"]["objection_deadline"]
            .as_str()
            .unwrap()
            .contains("BImSchG")
    );
    let ied = run(
        &["deadlines", "--display-start", "2026-03-02", "--ied"],
        &[],
        tmp.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&ied.stdout).unwrap();
    assert_eq!(
        json["objection_deadline"], "2026-05-04",
        "1 May, then the weekend"
    );
    for args in [
        vec!["deadlines", "--display-start", "2026-02-30"],
        vec!["deadlines", "--display-start", "morgen"],
        vec![
            "deadlines",
            "--display-start",
            "2026-03-02",
            "--state",
            "BY",
        ],
        vec!["deadlines"],
    ] {
        let out = run(&args, &[], tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}
