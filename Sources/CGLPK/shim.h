// Debian's libglpk-dev installs glpk.h in /usr/include and ships no pkg-config file.
#include <glpk.h>
