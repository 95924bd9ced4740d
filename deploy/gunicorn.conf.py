# gunicorn -c deploy/gunicorn.conf.py wsgi:app
import multiprocessing

bind = "127.0.0.1:8000"
workers = multiprocessing.cpu_count() * 2 + 1
worker_class = "gthread"
threads = 4
timeout = 30
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
