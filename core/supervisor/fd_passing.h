// One descriptor passed over a UNIX socket (SCM_RIGHTS, unix(7)): how
// smc_run hands the seccomp listener to its supervisor, which was forked
// before the filter, and so before the listener, existed.
#pragma once

namespace smc {

// Sends `fd` with one data byte; true when the byte went. Retries EINTR;
// never raises SIGPIPE. errno says why not.
bool send_fd(int channel, int fd);

// The descriptor sent by send_fd (close-on-exec here), or -1 when the
// peer closed the channel or sent none. Retries EINTR.
int receive_fd(int channel);

}  // namespace smc
