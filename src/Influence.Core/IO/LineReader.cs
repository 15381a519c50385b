using System.Buffers;

namespace Influence.Core.IO;

/// <summary>
/// Splits decoded text into physical lines held in one pooled <see cref="char"/> buffer: no string per
/// line. A line is valid until the next <see cref="TryReadLine"/>. Accepts LF and CRLF endings; the
/// <see cref="StreamReader"/> underneath strips a UTF-8 (or UTF-16) byte-order mark.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>Longest accepted line, in characters (64 Mi): a bound on the buffer, so a file without line breaks fails clearly instead of exhausting memory.</summary>
    public const int MaxLineLength = 64 * 1024 * 1024;

    private readonly TextReader _reader;
    private char[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(TextReader reader)
    {
        _reader = reader;
        _buffer = ArrayPool<char>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>1-based number of the line returned last.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Buffer that the ranges returned by <see cref="TryReadLine"/> index into.</summary>
    public char[] Buffer => _buffer;

    /// <summary>Next line as a range of <see cref="Buffer"/>, without its line ending.</summary>
    public bool TryReadLine(out int start, out int length)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf('\n');
            if (newline >= 0)
            {
                start = _start;
                length = newline;
                _start += newline + 1;
                if (length > 0 && _buffer[start + length - 1] == '\r') length--;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_start < _end)
                {
                    start = _start;
                    length = _end - _start;
                    _start = _end;
                    if (length > 0 && _buffer[start + length - 1] == '\r') length--;
                    LineNumber++;
                    return true;
                }
                start = length = 0;
                return false;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            // Keep the partial line at the front so the next read appends to it.
            int pending = _end - _start;
            Array.Copy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }
        if (_end == _buffer.Length)
        {
            if (_end - _start >= MaxLineLength)
                throw new LineTooLongException($"a line longer than {MaxLineLength:N0} characters (no line break): inputs are rows of text, one per line; a large JSON array belongs in JSON Lines.");
            char[] larger = ArrayPool<char>.Shared.Rent(_buffer.Length * 2);
            Array.Copy(_buffer, larger, _end);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = larger;
        }
        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        else _end += read;
    }

    public void Dispose()
    {
        char[] buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0) ArrayPool<char>.Shared.Return(buffer);
        _reader.Dispose();
    }
}

/// <summary>A line beyond <see cref="LineReader.MaxLineLength"/>.</summary>
internal sealed class LineTooLongException(string message) : Exception(message);
