"""The survey figures: import and mapping, statistics, benchmarks, police figures, charts,
maps (geometry), exports and the StatLine readers."""
