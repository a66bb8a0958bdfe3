"""Server subprocesses: the calls about a server that the library started
itself, with nbd_connect_command or socket activation."""

from apitypes import CREATED, Call, Int, String, RErr, RInt64, RString
from .shared import COPY_OUT_OF_MEMORY_ERROR

CALLS = [
Call(
    "set_socket_activation_name", "1.16",
    args=[String("socket_name")],
    ret=RErr,
    states=(CREATED,),
    summary="choose the name given to a socket-activated server",
    description="""
Pick the name that nbd_connect_systemd_socket_activation(3) attaches
to the socket it passes to the server.  The name travels in the
`LISTEN_FDNAMES` environment variable of the child process.

Most servers pay no attention to it.  A few, such as
qemu-storage-daemon(1), let their command line refer to a passed
socket by this name.

*socket_name* may hold at most 255 ASCII letters and digits; anything
else is refused.  The empty string, which is also what a new handle
starts with, means no name is set; the server then sees the name
`unknown`.  The setting only matters if it is made before the handle
connects.
""",
    errors=[
        ("EINVAL", "when *socket_name* contains characters other than "
         "ASCII letters and digits, or is longer than 255 bytes"),
        ("ENOMEM", "there was not enough memory to keep a copy of "
         "*socket_name*"),
    ],
    see_also=["nbd_get_socket_activation_name(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_aio_connect_systemd_socket_activation(3)",
              "libnbd(3)"],
),
Call(
    "get_socket_activation_name", "1.16",
    args=[],
    ret=RString,
    summary="return the name given to a socket-activated server",
    description="""
Report the socket name that nbd_connect_systemd_socket_activation(3)
uses, or would use, on this handle, as chosen with
nbd_set_socket_activation_name(3).

An empty string means no name was chosen; in that case the server is
told the name `unknown`.
""",
    errors=[COPY_OUT_OF_MEMORY_ERROR],
    see_also=["nbd_set_socket_activation_name(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_create(3)", "libnbd(3)"],
),
Call(
    "kill_subprocess", "1.0",
    args=[Int("signum")],
    ret=RErr,
    summary="send a signal to the server the handle started",
    description="""
Send a signal to the server process that the handle started itself,
as nbd_connect_command(3) and
nbd_connect_systemd_socket_activation(3) do.  *signum* is the signal
number (see signal(7)), for example `SIGKILL`; 0 stands for `SIGTERM`.

This is rarely needed.  A server run this way sees end of file when
the handle closes its socket and is expected to exit by itself, while
nbd_close(3) waits for the subprocess to end.  The call is for servers
that do not exit that way, which would otherwise keep nbd_close(3)
waiting, or for stopping the server early.

The call only delivers the signal; it does not wait for the process to
exit.  The process is still reaped by nbd_close(3).
""",
    errors=[
        ("ESRCH", "The handle did not start a subprocess."),
        ("EINVAL", "*signum* is negative, or not a valid signal "
         "number."),
    ],
    see_also=["nbd_connect_command(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_get_subprocess_pid(3)", "nbd_close(3)", "kill(2)",
              "signal(7)", "libnbd(3)"],
),
Call(
    "get_subprocess_pid", "1.22",
    args=[],
    ret=RInt64,
    summary="return the process ID of the server subprocess",
    description="""
When the handle started the server itself, for example with
nbd_connect_command(3) or nbd_connect_systemd_socket_activation(3),
return the process ID of that subprocess.  Not every platform can
report it.

This is mostly an aid to debugging, for instance to know which
process to attach gdb(1) to when the server crashes, or to log which
server process belongs to which handle.

The process still belongs to the library: do not wait for it with
waitpid(2) or similar, as nbd_close(3) reaps it.  To stop the server,
use nbd_kill_subprocess(3).
""",
    errors=[
        ("ESRCH", "The handle did not start a subprocess."),
    ],
    see_also=["nbd_connect_command(3)",
              "nbd_connect_systemd_socket_activation(3)",
              "nbd_kill_subprocess(3)", "gdb(1)", "libnbd(3)"],
),
]
