"""The vocabulary of the API table: argument kinds, return kinds, handle
states, enums, flag sets and the Call record.  The API table (api/) uses
these words to describe each call; the emitters read them to write C and
man pages."""

from dataclasses import dataclass, field
from typing import List, Optional

from states import CALL_STATES


# ---------------------------------------------------------------- states
# The six handle states a call can name (defined in states.py, from the
# state machine's situations).  A call lists those in which it is
# allowed; the emitted entry point rejects the others.
CREATED, CONNECTING, NEGOTIATING, CONNECTED, CLOSED, DEAD = CALL_STATES
ALL_STATES = tuple(CALL_STATES)

STATE_LABELS = {
    CREATED: "created, not yet connected",
    CONNECTING: "connecting",
    NEGOTIATING: "negotiating in option mode",
    CONNECTED: "connected, transmission phase",
    CLOSED: "connection shut down",
    DEAD: "dead after an error",
}


# The same situations in the few words an error message can spare.
STATE_WORDS = {
    CREATED: "newly created",
    CONNECTING: "connecting",
    NEGOTIATING: "negotiating",
    CONNECTED: "connected",
    CLOSED: "shut down",
    DEAD: "dead",
}


# ---------------------------------------------------------------- enums
@dataclass
class Enum:
    name: str                   # used in messages: "invalid tls: ..."
    values: List[tuple]         # (C name, number, what it means)


@dataclass
class FlagSet:
    name: str
    flags: List[tuple]          # (C name, bit value, what it means)
    mask_name: str
    # Command flags outside the mask are let through to the server unless
    # LIBNBD_STRICT_FLAGS is set, provided they fit the protocol's 16 bits.
    strict_guarded: bool = False

    @property
    def mask(self):
        m = 0
        for _, v, _ in self.flags:
            m |= v
        return m


# ---------------------------------------------------------------- args
@dataclass
class Arg:
    name: str

    def c_params(self):
        """The C parameter declarations this argument expands to."""
        return [self.c_type() + self.name]

    def c_type(self):
        raise NotImplementedError

    def nonnull(self):
        """Names of pointer parameters that must not be NULL."""
        return []


class Bool(Arg):
    def c_type(self):
        return "bool "


class Int(Arg):
    def c_type(self):
        return "int "


class UInt32(Arg):
    def c_type(self):
        return "uint32_t "


class UInt64(Arg):
    def c_type(self):
        return "uint64_t "


class SizeT(Arg):
    def c_type(self):
        return "size_t "


class UIntPtr(Arg):
    def c_type(self):
        return "uintptr_t "


class Fd(Arg):
    def c_type(self):
        return "int "


class String(Arg):
    """A NUL-terminated string the caller owns; never NULL."""
    def c_type(self):
        return "const char *"

    def nonnull(self):
        return [self.name]


class StringList(Arg):
    """A NULL-terminated array of strings; the array itself is not NULL."""
    def c_type(self):
        return "char **"

    def nonnull(self):
        return [self.name]


@dataclass
class EnumArg(Arg):
    enum: Enum = None

    def c_type(self):
        return "int "


@dataclass
class FlagsArg(Arg):
    flagset: FlagSet = None

    def c_type(self):
        return "uint32_t "


@dataclass
class Buffer(Arg):
    """A buffer and its length.  `write` means the library fills it;
    `persist` means it must stay valid until the command completes."""
    count: str = "count"
    write: bool = False
    persist: bool = False

    def c_params(self):
        const = "" if self.write else "const "
        return ["%svoid *%s" % (const, self.name), "size_t %s" % self.count]

    def nonnull(self):
        return [self.name]


@dataclass
class SockAddr(Arg):
    length: str = "addrlen"

    def c_params(self):
        return ["const struct sockaddr *%s" % self.name,
                "socklen_t %s" % self.length]

    def nonnull(self):
        return [self.name]


@dataclass
class Closure(Arg):
    """A callback struct passed by value.  An optional one may carry a
    NULL callback, meaning the caller does not want to be called."""
    kind: str = "completion"
    optional: bool = False

    def c_type(self):
        return "nbd_%s_callback " % self.kind


# ---------------------------------------------------------------- returns
@dataclass
class Ret:
    c_type: str
    error_value: Optional[str]  # None: the call cannot fail
    format: str                 # printf format for the debug trace
    kind: str                   # what RETURN VALUE says; see gen_man.py


RErr = Ret("int", "-1", "%d", "err")
RBool = Ret("int", "-1", "%d", "bool")
RInt = Ret("int", "-1", "%d", "int")
RErrno = Ret("int", None, "%d", "errno")
RFd = Ret("int", "-1", "%d", "fd")
REnum = Ret("int", "-1", "%d", "enum")
RInt64 = Ret("int64_t", "-1", "%\" PRIi64 \"", "int64")
RCookie = Ret("int64_t", "-1", "%\" PRIi64 \"", "cookie")
RSizeT = Ret("ssize_t", "-1", "%zd", "size")
RUInt32Flags = Ret("uint32_t", None, "%\" PRIu32 \"", "flags")
RUInt64Count = Ret("uint64_t", None, "%\" PRIu64 \"", "counter")
RUIntPtr = Ret("uintptr_t", None, "%\" PRIuPTR \"", "uintptr")
RDirection = Ret("unsigned", None, "%u", "direction")
RStaticString = Ret("const char *", "NULL", "%s", "static_string")
RString = Ret("char *", "NULL", "%s", "string")
RHandle = Ret("struct nbd_handle *", "NULL", "%p", "handle")
RVoid = Ret("void", None, "", "void")


# ---------------------------------------------------------------- calls
@dataclass
class Call:
    name: str                       # without the nbd_ prefix
    since: str                      # "1.0" -> version node LIBNBD_1.0
    args: List[Arg]
    ret: Ret
    summary: str
    description: str
    states: Optional[tuple] = None  # None: allowed in every state
    has_handle: bool = True
    may_block: bool = False
    # Calls which take the handle but must not lock it: nbd_close.
    locks: bool = True
    returns: str = ""               # extra words for RETURN VALUE
    errors: List[tuple] = field(default_factory=list)   # (errno, when)
    example: str = ""
    see_also: List[str] = field(default_factory=list)

    @property
    def c_name(self):
        return "nbd_" + self.name

    def c_params(self):
        params = ["struct nbd_handle *h"] if self.has_handle else []
        for a in self.args:
            params += a.c_params()
        return params or ["void"]

    def nonnull(self):
        names = ["h"] if self.has_handle else []
        for a in self.args:
            names += a.nonnull()
        return names

    def closures(self):
        return [a for a in self.args if isinstance(a, Closure)]
