"""Genre Tagger's model factory (PyTorch; install with the `trainer` extra).

Every model the app uses is produced here and written as one `.onnx` file in the
format of `tagger.modelfile`. Features come from `tagger.features`, the same code the
app runs, so a model sees the same input in training and in use.
"""
