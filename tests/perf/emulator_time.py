"""Time for the benchmarks' pollers on the emulator's frozen clock: figures that do not depend on the machine."""


class EmulatorTime:
    """A poller's clock and sleep on the emulator's frozen clock: sleeping advances it."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.elapsed = 0.0

    def sleep(self, seconds):
        self.emulator.clock(advance=seconds)
        self.elapsed += seconds

    def __call__(self):
        return self.elapsed
