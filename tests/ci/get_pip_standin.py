"""Stand-in for the pip bootstrap script ansible-test downloads.

ansible-test runs ``python get_pip.py <pip arguments>`` to seed pip into the
virtual environments it creates. This does the same with the standard library's
ensurepip (in a subprocess: in-process it drops the machine's pip configuration)
and then installs what was asked for with that pip.
"""

import subprocess
import sys

IGNORED = {"--no-setuptools", "--no-wheel"}


def main():
    subprocess.run([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"], check=True)
    wanted = [argument for argument in sys.argv[1:] if argument not in IGNORED]
    if wanted:
        subprocess.run([sys.executable, "-m", "pip", "install", *wanted], check=True)


if __name__ == "__main__":
    main()
