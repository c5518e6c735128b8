"""Import every module of the package with optional extras made unimportable.

CI runs this to prove the default install needs no optional dependency (PySpark).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

OPTIONAL = ("pyspark",)


def main() -> int:
    for name in OPTIONAL:
        sys.modules[name] = None  # type: ignore[assignment]  # any import of it now fails
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossroads.settings")
    import django

    django.setup()
    import crossroads

    count = 0
    for module in pkgutil.walk_packages(crossroads.__path__, "crossroads."):
        if ".tests" in module.name or module.name.endswith(".tests"):
            continue
        importlib.import_module(module.name)
        count += 1
    print(f"imported {count} modules without {', '.join(OPTIONAL)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
