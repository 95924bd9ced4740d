# gunicorn -c deploy/gunicorn.conf.py wsgi:app
import multiprocessing

bind = "127.0.0.1:8000"
workers = multiprocessing.cpu_count() * 2 + 1
# Threads per worker: a reader on a slow line holds a thread, not a whole worker (nginx buffers
# the rest). The write path takes SQLite's lock up front, so threads don't fight over it.
worker_class = "gthread"
threads = 4
timeout = 30
graceful_timeout = 30
# The app is loaded once, in the master, before the workers are forked: a worker starts in
# milliseconds, so a reload (HUP: `systemctl reload portal`) replaces the workers without a
# moment in which none answers, and the workers share the loaded code's memory. New code needs
# a restart (one server at a time behind nginx, which retries on the others).
preload_app = True
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"


def post_fork(server, worker):
    """Each worker opens its own database connections, never the master's (none are open
    before the fork, but a connection the master made would be shared by every worker)."""
    from portal.extensions import db
    from wsgi import app

    with app.app_context():
        db.engine.dispose(close=False)
