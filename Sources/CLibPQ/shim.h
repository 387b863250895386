// Debian's libpq-dev installs libpq-fe.h under /usr/include/postgresql.
#include <postgresql/libpq-fe.h>
