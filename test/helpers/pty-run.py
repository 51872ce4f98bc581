# Runs a command in a pseudo-terminal (so nnm draws its progress bar), types Ctrl-C once the output
# holds WAIT_FOR_TEXT, and prints every byte the terminal received; exits with the command's code.
# usage: python3 pty-run.py WAIT_FOR_TEXT -- cmd args...   (used by test/cli/tty.e2e.test.ts)
import os, pty, sys, time, select, signal
i = sys.argv.index('--'); wait = sys.argv[1].encode(); cmd = sys.argv[i+1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
buf = b''; sent = False; t0 = time.time()
while True:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try: chunk = os.read(fd, 65536)
        except OSError: break
        if not chunk: break
        buf += chunk
    if not sent and wait in buf:
        time.sleep(0.3); os.write(fd, b'\x03'); sent = True
    if time.time() - t0 > 120: os.kill(pid, signal.SIGKILL); break
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(buf)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
