# The loop from Kraken's own WebSocket example (print(ws.recv()) for ever), on Debian's
# python3-websocket, ended by the firehose's end marker so a run can finish.
# Usage: /usr/bin/python3 python-client.py <url> <end marker> <pair>...
import json
import sys

from websocket import create_connection

url, end_marker, *pairs = sys.argv[1:]
ws = create_connection(url)
ws.send(json.dumps({"method": "subscribe", "params": {"channel": "trade", "symbol": pairs}}))
while True:
    message = ws.recv()
    print(message)
    if end_marker in message:
        break
