namespace Cdc.Schemas.Mapping;

/// <summary>Where each Extended JSON field of one event sits in the scratch buffer.</summary>
internal struct RenderedFields
{
    public TextRange DocumentKey;
    public TextRange FullDocument;
    public TextRange FullDocumentBeforeChange;
    public TextRange UpdatedFields;
    public TextRange DisambiguatedPaths;
    public TextRange Lsid;
    public TextRange OperationDescription;
}
