// One silo, chain and browser at a time: the machine is small and the screens' timings stay stable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
