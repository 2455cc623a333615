namespace Qml.Learning.Models;

/// <summary>What a model's output means: class logits or predicted values.</summary>
public enum ModelTask
{
    /// <summary>Output [batch, classes] of logits; trained with cross-entropy, scored by accuracy.</summary>
    Classification,

    /// <summary>Output [batch, targets] of predictions; trained with mean squared error, scored by MSE and MAE.</summary>
    Regression,
}
