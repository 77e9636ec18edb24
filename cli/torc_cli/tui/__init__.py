"""`torc tui`: the terminal interface for people working on a login node over SSH.

A Textual client of the torc server: every read and change goes through the SDK (`make_api`),
live changes arrive on the workflow's event stream. The modules: `app` (the application and
its keys), `details` (the detail tabs), `dialogs` (confirmations, prompts, help), `viewer`
(logs and files), `backend` (the SDK calls), `live` (the event stream), `server` (a torc-server
the interface starts and stops), `dag` (the text dependency graph), `colours` (job statuses).
"""
