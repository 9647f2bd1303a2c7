//! Starting the system browser for a link, and waiting for it so that it leaves no defunct
//! process behind.
//!
//! eframe's `links` feature hands a URL to the `webbrowser` crate, which on Linux and the BSDs
//! starts `$BROWSER` or `xdg-open` and drops the child without ever waiting for it: each opened
//! link stayed a defunct ("zombie") child of the app until the app quit. Here the same kind of
//! command is started and a thread waits for it, so the system reaps it as soon as it exits
//! (`xdg-open` and most browser launchers hand the page to a running browser and exit at once).
//! Links are checked before they get here (`links::LinkOpener`): only http(s) URLs arrive.

use std::io;
use std::process::{Command, Stdio};

/// The launchers tried after `$BROWSER`, in order: the freedesktop one, GLib's, Debian's.
const FALLBACKS: &[&[&str]] = &[&["xdg-open"], &["gio", "open"], &["x-www-browser"]];

/// The commands to try for `url` when the system's browser is asked for: those of `$BROWSER`
/// ([`browser_commands`]), then the usual launchers.
pub fn system_commands(url: &str, browser_var: Option<&str>) -> Vec<Vec<String>> {
    let mut commands = browser_commands(url, browser_var.unwrap_or_default());
    commands.extend(FALLBACKS.iter().map(|launcher| {
        let mut words: Vec<String> = launcher.iter().map(|w| (*w).to_owned()).collect();
        words.push(url.to_owned());
        words
    }));
    commands
}

/// The commands a `$BROWSER` value names for `url`, one per `:`-separated entry. Within an entry, as `webbrowser` and Python's
/// `webbrowser` read it, words are split at whitespace, `%s` stands for the URL, `%c` for a colon
/// and `%%` for a percent sign; an entry without `%s` gets the URL as its last argument. The URL
/// is always one argument of its own: no shell ever reads it.
pub fn browser_commands(url: &str, browser_var: &str) -> Vec<Vec<String>> {
    browser_var
        .split(':')
        .filter(|entry| !entry.trim().is_empty())
        .map(|entry| {
            let mut has_url = false;
            let mut words: Vec<String> = entry
                .split_ascii_whitespace()
                .map(|word| expand(word, url, &mut has_url))
                .collect();
            if !has_url {
                words.push(url.to_owned());
            }
            words
        })
        .collect()
}

/// One word of a `$BROWSER` entry with its field codes expanded, left to right, so that a `%`
/// in the URL is never read as a code.
fn expand(word: &str, url: &str, has_url: &mut bool) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => {
                out.push_str(url);
                *has_url = true;
            }
            Some('c') => out.push(':'),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// Starts the first of `commands` that can be started, with no input or output, and a thread
/// that waits for it. Returns the child's process id; an error only if none started.
pub fn launch(commands: &[Vec<String>]) -> io::Result<u32> {
    let mut last_error = io::Error::new(io::ErrorKind::NotFound, "no browser command to try");
    for words in commands {
        let Some((program, args)) = words.split_first() else {
            continue;
        };
        let started = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match started {
            Ok(mut child) => {
                let pid = child.id();
                // The wait is what lets the system remove the exited child; without it the child
                // stays defunct until the app quits. A browser that keeps running keeps this
                // thread asleep, which costs nothing.
                let waiter = std::thread::Builder::new()
                    .name("browser-wait".to_owned())
                    .spawn(move || {
                        if let Err(err) = child.wait() {
                            log::warn!("could not wait for the browser: {err}");
                        }
                    });
                if let Err(err) = waiter {
                    log::warn!("could not start a thread to wait for the browser: {err}");
                }
                return Ok(pid);
            }
            Err(err) => last_error = err,
        }
    }
    Err(last_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_entries_come_first_with_the_url_as_one_argument() {
        let url = "https://example.org/a b%s";
        let commands = system_commands(url, Some("firefox --new-tab:lynx %s:w3m --url=%s%%:"));
        assert_eq!(commands[0], ["firefox", "--new-tab", url]);
        assert_eq!(commands[1], ["lynx", url]);
        assert_eq!(commands[2], ["w3m", &format!("--url={url}%")]);
        assert_eq!(commands[3], ["xdg-open", url]);
        assert_eq!(commands.len(), 3 + FALLBACKS.len());
    }

    #[test]
    fn without_browser_the_usual_launchers_are_tried() {
        let commands = system_commands("https://example.org/", None);
        assert_eq!(commands[0], ["xdg-open", "https://example.org/"]);
        assert_eq!(
            commands,
            system_commands("https://example.org/", Some(" : "))
        );
        assert!(browser_commands("https://example.org/", " : ").is_empty());
    }
}
