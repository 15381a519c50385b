using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Influence.Architecture.Tests;

/// <summary>What a built assembly uses, read from its metadata: the assemblies it references, the types of other
/// assemblies it names, and the string literals in its code.</summary>
public sealed class AssemblyFacts
{
    private AssemblyFacts(Assembly assembly, string[] references, (string Namespace, string Name)[] typeReferences, string[] userStrings)
    {
        Assembly = assembly;
        References = references;
        TypeReferences = typeReferences;
        UserStrings = userStrings;
    }

    public Assembly Assembly { get; }

    public string Name => Assembly.GetName().Name!;

    /// <summary>Names of the referenced assemblies (the compiler records only those the code uses).</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>Types of other assemblies the code names (calls, fields, casts, …).</summary>
    public IReadOnlyList<(string Namespace, string Name)> TypeReferences { get; }

    /// <summary>Every string literal the code loads (the #US heap).</summary>
    public IReadOnlyList<string> UserStrings { get; }

    public static AssemblyFacts Of(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var types = new List<(string, string)>();
        foreach (TypeReferenceHandle handle in reader.TypeReferences)
        {
            TypeReference t = reader.GetTypeReference(handle);
            types.Add((reader.GetString(t.Namespace), reader.GetString(t.Name)));
        }
        var strings = new List<string>();
        for (UserStringHandle h = MetadataTokens.UserStringHandle(1); !h.IsNil; h = reader.GetNextHandle(h))
            strings.Add(reader.GetUserString(h));
        string[] references = [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];
        return new AssemblyFacts(assembly, references, [.. types], [.. strings]);
    }
}
