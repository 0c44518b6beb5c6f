#!/usr/bin/python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd): every message it
accepts is stored as an .eml file in DIR. Usage: smtp_catcher.py PORT DIR.
Prints "ready" once it listens. Messages to addresses containing "reject" are
refused with 550, so tests can see a permanent rejection. Fault injection for the
delivery tests: SMTP_TEMPFAIL=N answers the first N messages with 451 (try later);
SMTP_DELAY_MS=N waits that long before accepting each message."""
import asyncio
import os
import sys
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.tempfail = int(os.environ.get("SMTP_TEMPFAIL", "0"))
        self.delay = int(os.environ.get("SMTP_DELAY_MS", "0")) / 1000

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "reject" in address:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.tempfail > 0:
            self.tempfail -= 1
            return "451 4.3.0 temporarily unavailable, try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        self.count += 1
        name = f"{time.time_ns()}-{self.count}.eml"
        # Hidden and not *.eml while written: readers list only finished mails.
        tmp = os.path.join(self.directory, f".{name}.part")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.directory, name))
        return "250 OK"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Store(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    main()
