/*
 * Public API dumps: writes or checks a module's api/<artifactId>.api, a text listing of every public and
 * protected signature in the packages the module exports, so that reviewers see every API change as a diff.
 *
 * Run by exec-maven-plugin in each published module's "verify" phase (see the parent pom), with the JDK's
 * source launcher, so the tool needs no module, no dependency and no build step of its own:
 *
 *   java tools/ApiDump.java check|update ARTIFACT_ID ROOT_DIR MODULE_DIR CLASSES_DIR CLASS_PATH
 *
 * CLASSES_DIR may also be a jar. check compares the module's API with the committed dump and exits 1 with the lines that differ and the
 * command that updates the dump; update rewrites the dump (and deletes it when the module has no API).
 */

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The tool: {@link #main} for the build, {@link #run} for tests. */
public final class ApiDump {
  /** Differing lines shown before the message says how many more there are. */
  private static final int MAX_DIFF_LINES = 40;

  private ApiDump() {}

  /** Runs {@link #run} and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /**
   * Checks or updates the dump; returns 0 when the dump matches (or was written), 1 when it differs, 2 on
   * bad arguments. Messages go to {@code out}.
   */
  public static int run(String[] args, PrintStream out) {
    // The build passes --update=${api.update}: "false" by default, "true" (or empty) with -Dapi.update.
    String mode = switch (args.length == 6 ? args[0] : "") {
      case "check", "--update=false" -> "check";
      case "update", "--update=true", "--update=" -> "update";
      default -> "";
    };
    if (mode.isEmpty()) {
      out.println("usage: java tools/ApiDump.java check|update ARTIFACT_ID ROOT_DIR MODULE_DIR CLASSES_DIR CLASS_PATH");
      return 2;
    }
    boolean update = mode.equals("update");
    String artifactId = args[1];
    Path root = Path.of(args[2]).toAbsolutePath().normalize();
    Path moduleDir = Path.of(args[3]).toAbsolutePath().normalize();
    Path classes = Path.of(args[4]).toAbsolutePath().normalize();
    Path dump = moduleDir.resolve("api").resolve(artifactId + ".api");
    String module = slashes(root.relativize(moduleDir));
    String shownDump = slashes(root.relativize(dump));

    List<String> actual;
    try {
      actual = hasClassFiles(classes) ? dump(classes, args[5]) : List.of();
      List<String> expected = Files.exists(dump) ? Files.readAllLines(dump, StandardCharsets.UTF_8) : List.of();
      if (update) {
        if (actual.isEmpty()) {
          Files.deleteIfExists(dump);
          out.println("API dump: " + artifactId + " has no classes, so no dump");
        } else {
          Files.createDirectories(dump.getParent());
          Files.writeString(dump, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
          out.println("API dump: wrote " + shownDump + (expected.isEmpty() ? " (new)" : actual.equals(expected) ? " (unchanged)" : " (changed)"));
        }
        return 0;
      }
      if (actual.equals(expected)) {
        out.println("API dump: " + artifactId + " matches " + (actual.isEmpty() ? "(no classes, no dump)" : shownDump));
        return 0;
      }
      out.println("API dump: the public API of " + artifactId + " differs from " + shownDump
          + (expected.isEmpty() ? " (missing)" : "") + ":");
      printDiff(expected, actual, out);
      out.println("If the change is intended, update the dump and commit it with the change:");
      out.println("  ./mvnw -B -pl " + module + " -am verify -DskipTests -Dapi.update");
      out.println("(or every module's dump: ./mvnw -B verify -DskipTests -Dapi.update)");
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * False for a module without code (a POM, the starter), whose classes directory holds at most
   * resources (META-INF/LICENSE). A jar is taken as code.
   */
  private static boolean hasClassFiles(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      return Files.isRegularFile(classes);
    }
    try (var files = Files.walk(classes)) {
      return files.anyMatch(f -> f.toString().endsWith(".class"));
    }
  }

  private static String slashes(Path path) {
    return path.toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  // ---------------------------------------------------------------- what is the API

  /** The dump of a classes directory or a jar: the module header, then each API type and its members. */
  static List<String> dump(Path location, String classPath) throws IOException {
    if (Files.isRegularFile(location)) {
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return dump(jar.getPath("/"), location, classPath);
      }
    }
    return dump(location, location, classPath);
  }

  private static List<String> dump(Path classes, Path location, String classPath) throws IOException {
    List<String> lines = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    Path descriptor = classes.resolve("module-info.class");
    if (Files.exists(descriptor)) {
      ModuleDescriptor module;
      try (InputStream in = Files.newInputStream(descriptor)) {
        module = ModuleDescriptor.read(in);
      }
      lines.add("module " + module.name());
      module.requires().stream()
          .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
          .map(r -> "  requires transitive " + r.name()).sorted().forEach(lines::add);
      module.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
          .forEach(packages::add);
      if (packages.isEmpty()) {
        lines.add("  exports no package");
      }
      packages.forEach(p -> lines.add("  exports " + p));
    } else {
      // No descriptor: every package is reachable, except those the project marks as internal.
      try (Stream<Path> files = Files.walk(classes)) {
        files.filter(f -> f.toString().endsWith(".class"))
            .map(f -> classes.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
            .filter(p -> !p.isEmpty() && !p.startsWith("META-INF")
                && !Arrays.asList(p.split("\\.")).contains("internal"))
            .forEach(packages::add);
      }
      lines.add("no module-info: the API is every package without an \"internal\" part");
      packages.forEach(p -> lines.add("  package " + p));
    }

    try (URLClassLoader loader = new URLClassLoader(urls(location, classPath), ClassLoader.getPlatformClassLoader())) {
      List<Class<?>> types = new ArrayList<>();
      for (String pkg : packages) {
        Path dir = classes.resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.sorted().collect(Collectors.toList())) {
            String name = file.getFileName().toString();
            if (name.endsWith(".class") && !name.equals("package-info.class")) {
              Class<?> type = load(pkg + "." + name.substring(0, name.length() - ".class".length()), loader);
              if (isApi(type)) {
                types.add(type);
              }
            }
          }
        }
      }
      types.sort(Comparator.comparing(Class::getCanonicalName));
      Set<Class<?>> apiTypes = new HashSet<>(types);
      for (Class<?> type : types) {
        lines.add("");
        lines.add(declaration(type));
        members(type, apiTypes, classes).forEach(m -> lines.add("  " + m));
      }
    }
    return lines;
  }

  private static URL[] urls(Path classes, String classPath) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    urls.add(classes.toUri().toURL());
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return urls.toArray(new URL[0]);
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader); // not initialized: no static code of the module runs
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("cannot load " + name + " (is its dependency on the class path?)", e);
    }
  }

  /** A type users can name: public at the top level, public or protected in such a type. */
  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    int mods = type.getModifiers();
    Class<?> outer = type.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(mods);
    }
    return (Modifier.isPublic(mods) || Modifier.isProtected(mods)) && isApi(outer);
  }

  private static boolean isVisible(Member member) {
    int mods = member.getModifiers();
    return (Modifier.isPublic(mods) || Modifier.isProtected(mods)) && !member.isSynthetic();
  }

  // ---------------------------------------------------------------- rendering types

  /** For example {@code public final class a.b.C<T> extends a.b.D implements a.b.E<T>}. */
  static String declaration(Class<?> type) {
    StringBuilder s = new StringBuilder();
    s.append(deprecation(type));
    int mods = type.getModifiers();
    s.append(Modifier.isPublic(mods) ? "public " : "protected ");
    String kind;
    boolean nested = type.getDeclaringClass() != null;
    if (type.isAnnotation()) {
      kind = "@interface";
    } else if (type.isInterface()) {
      kind = "interface";
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      kind = "class";
      if (Modifier.isAbstract(mods)) {
        s.append("abstract ");
      }
      if (nested && Modifier.isStatic(mods)) {
        s.append("static ");
      }
      if (Modifier.isFinal(mods)) {
        s.append("final ");
      }
    }
    if (type.isSealed()) {
      s.append("sealed ");
    } else if (!Modifier.isFinal(mods) && !type.isEnum() && !type.isRecord() && extendsSealed(type)) {
      s.append("non-sealed ");
    }
    s.append(kind).append(' ').append(type.getCanonicalName()).append(typeParameters(type.getTypeParameters()));
    if (type.isRecord()) {
      s.append(Arrays.stream(type.getRecordComponents())
          .map(c -> name(c.getGenericType()) + " " + c.getName())
          .collect(Collectors.joining(", ", "(", ")")));
    }
    Type superclass = type.getGenericSuperclass();
    if (kind.equals("class") && superclass != null && superclass != Object.class) {
      s.append(" extends ").append(name(superclass));
    }
    if (!type.isAnnotation()) {
      List<String> interfaces = names(Arrays.asList(type.getGenericInterfaces()));
      if (!interfaces.isEmpty()) {
        s.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
      }
    }
    if (type.isSealed()) {
      s.append(" permits ").append(String.join(", ", names(Arrays.asList(type.getPermittedSubclasses()))));
    }
    return s.toString();
  }

  private static boolean extendsSealed(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    return (superclass != null && superclass.isSealed())
        || Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
  }

  private static List<String> names(Collection<? extends Type> types) {
    return types.stream().map(ApiDump::name).sorted().collect(Collectors.toList());
  }

  /** A type as source would write it, fully qualified except for java.lang's own types. */
  static String name(Type type) {
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        return name(c.getComponentType()) + "[]";
      }
      if (c.getPackageName().equals("java.lang") && c.getDeclaringClass() == null) {
        return c.getSimpleName();
      }
      return c.getCanonicalName() != null ? c.getCanonicalName() : c.getName();
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      String base = p.getOwnerType() instanceof ParameterizedType owner
          ? name(owner) + "." + raw.getSimpleName()
          : name(raw);
      return base + Arrays.stream(p.getActualTypeArguments()).map(ApiDump::name)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof GenericArrayType a) {
      return name(a.getGenericComponentType()) + "[]";
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + name(w.getLowerBounds()[0]);
      }
      Type[] upper = w.getUpperBounds();
      return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + name(upper[0]);
    }
    if (type instanceof TypeVariable<?> v) {
      return v.getName();
    }
    return type.getTypeName();
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables).map(v -> {
      List<Type> bounds = Arrays.asList(v.getBounds());
      return bounds.equals(List.of(Object.class)) ? v.getName()
          : v.getName() + " extends " + bounds.stream().map(ApiDump::name).collect(Collectors.joining(" & "));
    }).collect(Collectors.joining(", ", "<", ">"));
  }

  private static String deprecation(java.lang.reflect.AnnotatedElement element) {
    Deprecated d = element.getAnnotation(Deprecated.class);
    return d == null ? "" : d.forRemoval() ? "@Deprecated(forRemoval=true) " : "@Deprecated ";
  }

  // ---------------------------------------------------------------- rendering members

  /**
   * The type's public and protected members, sorted: enum constants, fields, constructors, methods. Members
   * inherited from a superclass of this module that is not in the dump (not public, or in a package the
   * module does not export) are listed here too, since this type is where users find them.
   */
  private static List<String> members(Class<?> type, Set<Class<?>> apiTypes, Path classes) throws IOException {
    Map<String, String> lines = new HashMap<>(); // sort key -> line; the key also drops overridden duplicates
    Set<String> seen = new HashSet<>(); // methods: the most derived wins
    for (Class<?> c = type; c == type || (c != null && !apiTypes.contains(c) && isOwn(c, classes));
        c = c.getSuperclass()) {
      Map<String, Object> constants = constantValues(c);
      for (Field f : c.getDeclaredFields()) {
        if (isVisible(f)) {
          String key = (f.isEnumConstant() ? "1 " : "2 ") + f.getName();
          String line = f.isEnumConstant() ? "enum constant " + f.getName() : field(f, constants.get(f.getName()));
          lines.putIfAbsent(key, line);
        }
      }
      if (c == type) {
        for (Constructor<?> k : c.getDeclaredConstructors()) {
          if (isVisible(k)) {
            lines.put("3 " + parameters(k), constructor(k));
          }
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (!isVisible(m) || m.isBridge() || (type.isEnum() && isImplicitEnumMethod(m))) {
          continue;
        }
        String key = "4 " + m.getName() + parameters(m);
        if (seen.add(key)) {
          lines.put(key, method(m, type.isInterface()));
        }
      }
    }
    return lines.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue).collect(Collectors.toList());
  }

  /** A class of this module (not of the JDK or a dependency, whose API is theirs). */
  private static boolean isOwn(Class<?> type, Path classes) {
    return Files.exists(classes.resolve(type.getName().replace('.', '/') + ".class"));
  }

  private static boolean isImplicitEnumMethod(Method m) {
    return Modifier.isStatic(m.getModifiers())
        && ((m.getName().equals("values") && m.getParameterCount() == 0)
            || (m.getName().equals("valueOf") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {String.class})));
  }

  private static String field(Field f, Object constant) {
    String line = deprecation(f) + modifiers(f.getModifiers()) + name(f.getGenericType()) + " " + f.getName();
    return constant == null ? line : line + " = " + literal(constant, f.getType());
  }

  private static String constructor(Constructor<?> k) {
    return deprecation(k) + modifiers(k.getModifiers()) + typeParametersWithSpace(k.getTypeParameters())
        + k.getDeclaringClass().getSimpleName() + parameters(k) + exceptions(k);
  }

  private static String method(Method m, boolean inInterface) {
    String mods = modifiers(m.getModifiers() & ~(inInterface ? Modifier.ABSTRACT : 0));
    if (m.isDefault()) {
      mods += "default ";
    }
    return deprecation(m) + mods + typeParametersWithSpace(m.getTypeParameters()) + name(m.getGenericReturnType())
        + " " + m.getName() + parameters(m) + exceptions(m);
  }

  private static String typeParametersWithSpace(TypeVariable<?>[] variables) {
    String s = typeParameters(variables);
    return s.isEmpty() ? "" : s + " ";
  }

  private static String parameters(Executable e) {
    Type[] types = e.getGenericParameterTypes();
    if (types.length != e.getParameterCount()) {
      types = e.getParameterTypes(); // inner-class constructors: the generic signature omits the outer instance
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      String name = name(types[i]);
      if (e.isVarArgs() && i == types.length - 1) {
        name = name.substring(0, name.length() - 2) + "...";
      }
      names.add(name);
    }
    return "(" + String.join(", ", names) + ")";
  }

  private static String exceptions(Executable e) {
    List<String> thrown = names(Arrays.asList(e.getGenericExceptionTypes()));
    return thrown.isEmpty() ? "" : " throws " + String.join(", ", thrown);
  }

  /** Only what a caller sees: access, static, abstract, final (not synchronized, native, volatile...). */
  private static String modifiers(int mods) {
    int kept = mods & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.ABSTRACT | Modifier.FINAL);
    String s = Modifier.toString(kept);
    return s.isEmpty() ? "" : s + " ";
  }

  private static String literal(Object value, Class<?> type) {
    if (type == String.class) {
      return quote((String) value, '"');
    }
    if (type == char.class) {
      return quote(String.valueOf((char) ((Integer) value).intValue()), '\'');
    }
    if (type == boolean.class) {
      return String.valueOf(((Integer) value) != 0);
    }
    if (type == long.class) {
      return value + "L";
    }
    if (type == float.class) {
      return value + "f";
    }
    return String.valueOf(value);
  }

  private static String quote(String s, char quote) {
    StringBuilder b = new StringBuilder().append(quote);
    for (char ch : s.toCharArray()) {
      if (ch == quote || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20 || ch > 0x7e) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.append(quote).toString();
  }

  // ---------------------------------------------------------------- constant values from the class file

  /**
   * The compile-time constants among the class's fields (their ConstantValue attributes), read from the class
   * file: reflection could only read them by initializing the class, and these are exactly the values javac
   * copies into callers' code, so changing one is an API change.
   */
  static Map<String, Object> constantValues(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    byte[] bytes;
    try (InputStream in = type.getClassLoader() == null ? null : type.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Map.of();
      }
      bytes = in.readAllBytes();
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    in.readInt(); // magic
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3 -> pool[i] = in.readInt();
        case 4 -> pool[i] = in.readFloat();
        case 5 -> pool[i++] = in.readLong(); // longs and doubles take two slots
        case 6 -> pool[i++] = in.readDouble();
        case 7, 8, 16, 19, 20 -> pool[i] = new int[] {tag, in.readUnsignedShort()};
        case 15 -> in.skipBytes(3);
        case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        default -> throw new IOException("unknown constant pool tag " + tag + " in " + resource);
      }
    }
    in.readUnsignedShort(); // access flags
    in.readUnsignedShort(); // this class
    in.readUnsignedShort(); // superclass
    in.skipBytes(2 * in.readUnsignedShort()); // interfaces
    Map<String, Object> constants = new HashMap<>();
    int fields = in.readUnsignedShort();
    for (int f = 0; f < fields; f++) {
      in.readUnsignedShort(); // access flags
      String name = (String) pool[in.readUnsignedShort()];
      in.readUnsignedShort(); // descriptor
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = (String) pool[in.readUnsignedShort()];
        int length = in.readInt();
        if (attribute.equals("ConstantValue")) {
          Object value = pool[in.readUnsignedShort()];
          // A String constant is a CONSTANT_String entry pointing at its UTF-8 text.
          constants.put(name, value instanceof int[] ref ? pool[ref[1]] : value);
        } else {
          in.skipBytes(length);
        }
      }
    }
    return constants;
  }

  // ---------------------------------------------------------------- the difference

  /** Prints the lines only in {@code expected} with "-" and those only in {@code actual} with "+", in order. */
  static void printDiff(List<String> expected, List<String> actual, PrintStream out) {
    int n = expected.size();
    int m = actual.size();
    int[][] common = new int[n + 1][m + 1]; // longest common subsequence of the suffixes
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] = expected.get(i).equals(actual.get(j))
            ? common[i + 1][j + 1] + 1
            : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> diff = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
        i++;
        j++;
      } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
        diff.add(changed('-', expected, i++));
      } else {
        diff.add(changed('+', actual, j++));
      }
    }
    diff.stream().filter(line -> line != null).limit(MAX_DIFF_LINES).forEach(out::println);
    long shown = diff.stream().filter(line -> line != null).count();
    if (shown > MAX_DIFF_LINES) {
      out.println("... and " + (shown - MAX_DIFF_LINES) + " more lines");
    }
  }

  /** A changed line, a member line naming its type (the nearest unindented line above it); blank lines: null. */
  private static String changed(char sign, List<String> lines, int index) {
    String line = lines.get(index);
    if (line.isBlank()) {
      return null;
    }
    if (line.startsWith("  ")) {
      for (int k = index - 1; k >= 0; k--) {
        if (!lines.get(k).isBlank() && !lines.get(k).startsWith(" ")) {
          return sign + " " + line.strip() + "    [in " + owner(lines.get(k)) + "]";
        }
      }
    }
    return sign + " " + line;
  }

  /** The type (or module) a declaration line declares: the word after its kind. */
  private static String owner(String declaration) {
    List<String> words = Arrays.asList(declaration.split(" "));
    for (String kind : List.of("class", "interface", "enum", "record", "@interface", "module")) {
      int at = words.indexOf(kind);
      if (at >= 0 && at + 1 < words.size()) {
        String name = words.get(at + 1);
        int generic = name.indexOf('<');
        int record = name.indexOf('(');
        int end = generic >= 0 ? generic : record >= 0 ? record : name.length();
        return name.substring(0, end);
      }
    }
    return declaration;
  }
}
