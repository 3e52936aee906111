"""NB-SVM features (issue 17): the n-gram model scales each feature by its log-count ratio
before the logistic regression and folds the ratio into the stored weights, so a model trained
that way scores exactly as the regression on the scaled features, from the same file format."""

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.classifier import NgramSettings, log_count_ratio

ROWS = [
    ("you stupid idiot", 1, "en"),
    ("shut up you idiot loser", 1, "en"),
    ("idiot moron trash", 1, "en"),
    ("你这个蠢货", 1, "zh"),
    ("what a lovely sunny day", 0, "en"),
    ("my cat loves the sofa", 0, "en"),
    ("lovely coffee this morning", 0, "en"),
    ("今天天气很好", 0, "zh"),
]


def test_the_ratio_favours_features_of_each_class_and_is_zero_for_balanced_ones():
    matrix = sp.csr_matrix(np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1]], float))
    ratio = log_count_ratio(matrix, np.array([1, 1, 0, 0]))
    assert ratio[0] > 0 > ratio[1]
    assert abs(ratio[2]) < 1e-6


def test_the_folded_weights_score_as_the_regression_on_scaled_features():
    settings = NgramSettings(C=10.0, nb_ratio=True, keep=0.0)
    model = classifier.train(ROWS, settings=settings)
    vectorizer = classifier._vectorizer(settings.vectorizer_params())
    matrix = vectorizer.transform([classifier.prepare_text(text) for text, _, _ in ROWS])
    labels = np.array([label for _, label, _ in ROWS])
    ratio = log_count_ratio(matrix, labels)
    weights = classifier._sample_weights(labels, [lang for _, _, lang in ROWS], "source_label")
    fit = LogisticRegression(C=10.0, max_iter=3000, random_state=0)
    fit.fit(matrix.multiply(ratio).tocsr(), labels, sample_weight=weights)
    texts = ["you idiot", "lovely sofa", "蠢货"]
    expected = fit.decision_function(
        vectorizer.transform([classifier.prepare_text(t) for t in texts]).multiply(ratio).tocsr()
    )
    # float16 storage: logits agree to a few thousandths
    assert np.allclose(model.logits(texts), expected, atol=0.02)
    assert model.metrics["settings"]["nb_ratio"] is True
    assert model.logit("you idiot") > 0 > model.logit("lovely sofa")
