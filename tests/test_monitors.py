"""The run's verdict comes from Spidermon monitors (newscrawl/export/monitors.py): each exit-code rule is a
monitor, users add their own and Spidermon's with NEWSCRAWL_MONITORS (exit code 10), and the actions of
NEWSCRAWL_MONITOR_ACTIONS run when a monitor fails: here Spidermon's own file report and its SMTP e-mail
(to an SMTP server the test starts on 127.0.0.1), through the real command line."""

from __future__ import annotations

import socket
from email import message_from_bytes, message_from_string
from typing import TYPE_CHECKING, Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.export.exitcodes import ExitDecision, Limits
from newscrawl.export.monitors import check_monitor_settings, run_verdict
from tests.server import Reply, RouteServer
from tests.test_bad_input import listing_html
from tests.test_run_failures import SECTION, SITE, crawl, manifest_of, summary_line

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import Message
    from pathlib import Path

LIMITS = Limits(failed=0.1, dropped=0.5)
EXPORTED = {"item_scraped_count": 10, "feedexport/success_count/FileFeedStorage": 1}
REPORT_ACTION = "spidermon.contrib.actions.reports.files.CreateFileReport"
# Spidermon's own report template, the one its e-mail action sends.
REPORT_TEMPLATE = "reports/email/monitors/result.jinja"


def verdict(stats: dict[str, Any], **settings: Any) -> ExitDecision:
    crawler = get_crawler(settings_dict=settings)
    return run_verdict(crawler, Spider("news"), stats, LIMITS, final=False)


def test_each_rule_is_a_monitor_and_the_most_severe_failure_decides() -> None:
    stats = {
        **EXPORTED,
        "newscrawl/alarm/count": 1,
        "newscrawl/alarm/summary": 1,
        "newscrawl/failed/http_500": 5,
    }
    assert verdict(stats) == ExitDecision(5, "layout alarm: summary")
    assert verdict({**stats, "finish_reason": "shutdown"}) == ExitDecision(
        6, "spider closed before finishing: shutdown"
    )
    assert verdict(EXPORTED) == ExitDecision(0, "ok")


def test_a_user_monitor_that_fails_is_exit_code_10_with_its_name_and_message() -> None:
    path = "tests.usermonitors.AuthorsRequired"
    stats = {**EXPORTED, "custom/no_authors": 2}
    assert verdict(stats, NEWSCRAWL_MONITORS=[path]) == ExitDecision(
        10,
        "a monitor of NEWSCRAWL_MONITORS failed: AuthorsRequired/test_no_article_lacks_authors: "
        "2 != 0 : 2 articles without authors",
    )
    assert verdict(EXPORTED, NEWSCRAWL_MONITORS=[path]) == ExitDecision(0, "ok")
    # One of ours outranks it: the scheduler sees the most severe reason.
    assert verdict({**stats, "newscrawl/failed/http_500": 5}, NEWSCRAWL_MONITORS=[path]).code == 4


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        (
            "NEWSCRAWL_MONITORS",
            "newscrawl.nowhere.Monitor",
            "ModuleNotFoundError: No module named 'newscrawl.nowhere'",
        ),
        (
            "NEWSCRAWL_MONITOR_ACTIONS",
            REPORT_ACTION,
            "You must provide a value for SPIDERMON_REPORT_TEMPLATE setting.",
        ),
    ],
)
def test_a_monitor_or_action_that_cannot_be_built_fails_before_the_crawl(
    name: str, value: str, problem: str
) -> None:
    with pytest.raises(ValueError, match="cannot be used") as raised:
        check_monitor_settings(get_crawler(settings_dict={name: [value]}).settings)
    assert problem in str(raised.value)
    assert str(raised.value).startswith(f"-s {name}=['{value}'] cannot be used (")
    assert str(raised.value).endswith(
        "): use e.g. -s "
        + name
        + "="
        + {
            "NEWSCRAWL_MONITORS": "spidermon.contrib.scrapy.monitors.ErrorCountMonitor",
            "NEWSCRAWL_MONITOR_ACTIONS": REPORT_ACTION,
        }[name]
    )


def report_settings(report: Path) -> tuple[str, ...]:
    return (
        "-s", f"NEWSCRAWL_MONITOR_ACTIONS={REPORT_ACTION}",
        "-s", f"SPIDERMON_REPORT_FILENAME={report}",
        "-s", f"SPIDERMON_REPORT_TEMPLATE={REPORT_TEMPLATE}",
    )  # fmt: skip


@pytest.mark.integration
def test_a_run_that_found_nothing_fires_spidermons_file_report(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    with RouteServer({SECTION: Reply(listing_html([]))}) as server:
        code, log = crawl(tmp_path, server, "out.jsonl", *report_settings(report))
    meaning = "nothing found: 1 of 1 source pages held no article link"
    assert (code, manifest_of(tmp_path / "out.jsonl")["exit_meaning"]) == (7, meaning), log
    assert summary_line(log).endswith(f"exit code 7 ({meaning})")
    # Spidermon's report in the log gives the failed rule's message, not a traceback through newscrawl.
    assert f"FAIL: Item count/test_rule_holds\n{'-' * 70}\nAssertionError: 1 of 1 source" in log
    assert "Traceback" not in log
    html = report.read_text(encoding="utf-8")
    assert "Item count/test_rule_holds" in html
    assert "1 of 1 source pages held no article link" in html


@pytest.mark.integration
def test_a_clean_run_fires_no_action(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    with RouteServer(SITE) as server:
        code, log = crawl(tmp_path, server, "out.jsonl", *report_settings(report))
    assert code == 0, log
    assert not report.exists()
    assert "[Spidermon]" in log


@pytest.mark.integration
def test_spidermons_own_monitor_added_by_setting_fails_the_run_with_code_10(tmp_path: Path) -> None:
    monitor = ("-s", "NEWSCRAWL_MONITORS=spidermon.contrib.scrapy.monitors.ItemCountMonitor")
    with RouteServer(SITE) as server:
        code, log = crawl(tmp_path, server, "out.jsonl", *monitor, "-s", "SPIDERMON_MIN_ITEMS=5")
    assert code == 10, log
    assert manifest_of(tmp_path / "out.jsonl")["exit_code"] == 10
    assert "a monitor of NEWSCRAWL_MONITORS failed: Extracted Items Monitor/" in summary_line(log)


@pytest.mark.integration
def test_a_wrong_action_path_exits_2_before_fetching(tmp_path: Path) -> None:
    with RouteServer(SITE) as server:
        code, log = crawl(tmp_path, server, "out.jsonl", "-s", "NEWSCRAWL_MONITOR_ACTIONS=no.such.Action")
        assert server.hits == {}
    assert code == 2
    assert "NEWSCRAWL_MONITOR_ACTIONS='no.such.Action' cannot be used (ModuleNotFoundError" in log


class Mailbox:
    """What an SMTP server on 127.0.0.1 received (aiosmtpd, with the login Spidermon's action requires)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(
        self, server: Any, session: Any, envelope: Any
    ) -> str:  # aiosmtpd calls it by this name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def accept_alerts_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    return AuthResult(
        success=isinstance(data, LoginPassword) and (data.login, data.password) == (b"alerts", b"pw")
    )


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    with socket.socket() as probe:  # a free port: aiosmtpd's controller cannot be given port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(
        mailbox, hostname="127.0.0.1", port=port, authenticator=accept_alerts_login, auth_require_tls=False
    )
    controller.start()
    yield port, mailbox
    controller.stop()


@pytest.mark.integration
def test_a_run_that_found_nothing_mails_the_team_through_spidermons_smtp_action(
    tmp_path: Path, smtp_server: tuple[int, Mailbox]
) -> None:
    port, mailbox = smtp_server
    mail = (
        "-s", "NEWSCRAWL_MONITOR_ACTIONS=spidermon.contrib.actions.email.smtp.SendSmtpEmail",
        "-s", "SPIDERMON_SMTP_HOST=127.0.0.1", "-s", f"SPIDERMON_SMTP_PORT={port}",
        "-s", "SPIDERMON_SMTP_USER=alerts", "-s", "SPIDERMON_SMTP_PASSWORD=pw",
        "-s", "SPIDERMON_EMAIL_SENDER=crawler@example.org", "-s", "SPIDERMON_EMAIL_TO=team@example.org",
        "-s", "SPIDERMON_EMAIL_SUBJECT=newscrawl run failed",
    )  # fmt: skip
    with RouteServer({SECTION: Reply(listing_html([]))}) as server:
        code, log = crawl(tmp_path, server, "out.jsonl", *mail)
    assert code == 7, log
    [sent] = mailbox.messages
    assert (sent["To"], sent["Subject"]) == ("team@example.org", "newscrawl run failed")
    report = message_from_string(sent.get_payload())  # Spidermon's message, sent as the mail's text
    html = next(part for part in report.walk() if part.get_content_type() == "text/html")
    text = html.get_payload(decode=True).decode()
    assert "Item count/test_rule_holds" in text
    assert "1 of 1 source pages held no article link" in text
