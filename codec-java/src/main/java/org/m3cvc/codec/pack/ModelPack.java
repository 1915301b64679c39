package org.m3cvc.codec.pack;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.m3cvc.container.Limits;
import org.m3cvc.container.header.StreamHeader;

/**
 * A model pack (spec/model-pack.md): a directory holding {@code manifest.json} and the files it lists. Opening a pack
 * checks the whole manifest and the size and SHA-256 of every file, so that what a decoder runs is exactly what the
 * stream's pack_sha256 names: the SHA-256 of the canonical manifest, which lists every file's SHA-256.
 *
 * <p>Immutable and thread-safe once opened; it holds no native resources (sessions are created from it elsewhere).
 */
public final class ModelPack {
    public static final String MANIFEST = "manifest.json";
    public static final String FORMAT = "m3cvc-model-pack";
    public static final int MANIFEST_VERSION = 1;
    /** A manifest is a few kilobytes; refuse to parse anything absurd. */
    static final long MAX_MANIFEST_BYTES = 1 << 20;
    static final Set<String> DTYPES = Set.of("float32", "float16", "int64", "int32", "uint8", "bool");
    /** Only schedules computed with +, -, *, / and sqrt, which IEEE 754 rounds exactly: the same on every machine. */
    static final Set<String> SCHEDULES = Set.of("linear", "scaled_linear");
    /** The roles a pack may give once per plane size, because their tensors have the plane's shape. */
    static final Set<PackRole> PER_PLANE = Set.of(PackRole.POST_ENCODER, PackRole.UPSAMPLER);

    /** A file of the pack, relative to its directory. */
    public record PackFile(String path, String sha256, long sizeBytes) {}

    /** One input or output of a network; -1 in {@code shape} is a dimension fixed at run time. */
    public record TensorSpec(String name, String dtype, List<Long> shape) {}

    /**
     * One network of the pack. {@code key} is its member name in {@code roles}: the role's name, or for a plane's own
     * post-encoder or upsampler the role's name and the plane size ({@code post_encoder.64x40}). {@code normalisation}
     * is the role's pixel or value mapping, as the manifest gives it.
     */
    public record RoleSpec(PackRole role, String key, String file, List<TensorSpec> inputs, List<TensorSpec> outputs,
                           JsonNode normalisation) {}

    public record Codebook(String file, int vectors, int dimension) {}

    public record PlaneSize(int width, int height) {
        /** As the manifest and the command line write it: {@code 64x40}. */
        @Override
        public String toString() { return width + "x" + height; }

        /** {@code WxH} with both in 1..max_plane_dimension and no leading zero, or null. */
        public static PlaneSize parse(String s) {
            if (!s.matches("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}")) return null;
            int x = s.indexOf('x');
            int w = Integer.parseInt(s.substring(0, x)), h = Integer.parseInt(s.substring(x + 1));
            return w <= Limits.MAX_PLANE_DIMENSION && h <= Limits.MAX_PLANE_DIMENSION ? new PlaneSize(w, h) : null;
        }
    }

    public record LatentShape(int channels, int height, int width) {}

    /** The diffusion noise schedule; betas as decimal strings, exactly as written. */
    public record NoiseSchedule(String kind, int timesteps, BigDecimal betaStart, BigDecimal betaEnd) {}

    /** Default keyframe-selection weights of the paper's score D (encoder only). */
    public record KeyframeSelection(BigDecimal lambda1, BigDecimal lambda2, BigDecimal threshold, int maxClipFrames) {}

    private final Path dir;
    private final String name;
    private final String version;
    private final byte[] identity;
    private final Map<String, PackFile> files;
    private final Map<PackRole, RoleSpec> roles;
    private final Map<String, RoleSpec> planeRoles;
    private final Codebook codebook;
    private final List<PlaneSize> planes;
    private final LatentShape latent;
    private final NoiseSchedule noiseSchedule;
    private final String tokenizer;
    private final KeyframeSelection keyframeSelection;
    private final int samplerSteps;

    private ModelPack(Path dir, String name, String version, byte[] identity, Map<String, PackFile> files,
                      Map<PackRole, RoleSpec> roles, Map<String, RoleSpec> planeRoles, Codebook codebook,
                      List<PlaneSize> planes, LatentShape latent, NoiseSchedule noiseSchedule, String tokenizer,
                      KeyframeSelection keyframeSelection, int samplerSteps) {
        this.dir = dir;
        this.name = name;
        this.version = version;
        this.identity = identity;
        this.files = files;
        this.roles = roles;
        this.planeRoles = planeRoles;
        this.codebook = codebook;
        this.planes = planes;
        this.latent = latent;
        this.noiseSchedule = noiseSchedule;
        this.tokenizer = tokenizer;
        this.keyframeSelection = keyframeSelection;
        this.samplerSteps = samplerSteps;
    }

    /**
     * Opens and checks the pack in {@code dir}.
     *
     * @throws PackException for a malformed manifest, a missing, resized or altered file, or a file outside the pack
     */
    public static ModelPack open(Path dir) throws IOException {
        String pack = dir.toString();
        Path manifestPath = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestPath)) throw new PackException(pack, MANIFEST, "a manifest file", "none");
        long size = Files.size(manifestPath);
        if (size > MAX_MANIFEST_BYTES) {
            throw new PackException(pack, MANIFEST, "at most " + MAX_MANIFEST_BYTES + " bytes", size + " bytes");
        }
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(Files.readAllBytes(manifestPath));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new PackException(pack, MANIFEST, "JSON", e.getOriginalMessage());
        }
        Manifest r = new Manifest(pack, m);
        if (!m.isObject()) throw new PackException(pack, "/", "a JSON object", m.getNodeType().toString());
        String format = r.text(m, "/format");
        if (!FORMAT.equals(format)) throw new PackException(pack, "/format", '"' + FORMAT + '"', '"' + format + '"');
        int mv = r.integer(m, "/manifest_version", 1, Integer.MAX_VALUE);
        if (mv != MANIFEST_VERSION) {
            throw new PackException(pack, "/manifest_version", Integer.toString(MANIFEST_VERSION), Integer.toString(mv));
        }
        String name = r.text(m, "/name");
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PACK_NAME_BYTES) {
            throw new PackException(pack, "/name", "1.." + Limits.MAX_PACK_NAME_BYTES + " bytes of UTF-8", '"' + name + '"');
        }
        String version = r.text(m, "/version");

        Map<String, PackFile> files = new LinkedHashMap<>();
        JsonNode fl = r.array(m, "/files");
        for (int i = 0; i < fl.size(); i++) {
            String at = "/files/" + i;
            JsonNode f = fl.get(i);
            String path = r.text(f, at + "/path");
            checkRelative(pack, at + "/path", path);
            String sha = r.text(f, at + "/sha256");
            if (!sha.matches("[0-9a-f]{64}")) throw new PackException(pack, at + "/sha256", "64 lowercase hex digits", sha);
            long bytes = r.longInteger(f, at + "/size_bytes", 0, Long.MAX_VALUE);
            if (files.put(path, new PackFile(path, sha, bytes)) != null) {
                throw new PackException(pack, at + "/path", "each file listed once", path + " twice");
            }
        }

        Map<PackRole, RoleSpec> roles = new EnumMap<>(PackRole.class);
        Map<String, RoleSpec> planeRoles = new LinkedHashMap<>();
        Map<String, PlaneSize> planeOfRole = new LinkedHashMap<>();
        JsonNode rl = r.object(m, "/roles");
        for (Iterator<Map.Entry<String, JsonNode>> it = rl.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey(), at = "/roles/" + key;
            int dot = key.indexOf('.');
            PackRole role = PackRole.fromManifestName(dot < 0 ? key : key.substring(0, dot));
            if (role == null) throw new PackException(pack, at, "one of " + roleNames(), '"' + key + '"');
            if (dot >= 0) {
                PlaneSize ps = dot + 1 < key.length() ? PlaneSize.parse(key.substring(dot + 1)) : null;
                if (!PER_PLANE.contains(role) || ps == null) {
                    throw new PackException(pack, at, "a role name, or post_encoder.WxH / upsampler.WxH for one plane",
                            '"' + key + '"');
                }
                planeOfRole.put(key, ps);
            }
            JsonNode spec = e.getValue();
            String file = r.text(spec, at + "/file");
            r.listed(files, file, at + "/file");
            RoleSpec rs = new RoleSpec(role, key, file, r.tensors(spec, at + "/inputs"), r.tensors(spec, at + "/outputs"),
                    spec.has("normalisation") ? spec.get("normalisation") : null);
            if (dot < 0) roles.put(role, rs);
            else planeRoles.put(key, rs);
        }
        for (PackRole role : PackRole.values()) {
            if (role.required() && !roles.containsKey(role)) {
                throw new PackException(pack, "/roles/" + role.manifestName(), "a network for this required role", "none");
            }
        }

        JsonNode cb = r.object(m, "/codebook");
        Codebook codebook = new Codebook(r.text(cb, "/codebook/file"),
                r.integer(cb, "/codebook/vectors", Limits.MIN_CODEBOOK_SIZE, Limits.MAX_CODEBOOK_SIZE),
                r.integer(cb, "/codebook/dimension", 1, 65536));
        PackFile cbFile = r.listed(files, codebook.file(), "/codebook/file");
        long cbBytes = 4L * codebook.vectors() * codebook.dimension();
        if (cbFile.sizeBytes() != cbBytes) {
            throw new PackException(pack, "/codebook", "a file of vectors * dimension * 4 = " + cbBytes
                    + " bytes (float32, little-endian)", cbFile.sizeBytes() + " bytes");
        }

        List<PlaneSize> planes = new ArrayList<>();
        JsonNode pl = r.array(m, "/planes");
        if (pl.isEmpty()) throw new PackException(pack, "/planes", "at least one plane size", "none");
        for (int i = 0; i < pl.size(); i++) {
            planes.add(new PlaneSize(r.integer(pl.get(i), "/planes/" + i + "/width", 1, Limits.MAX_PLANE_DIMENSION),
                    r.integer(pl.get(i), "/planes/" + i + "/height", 1, Limits.MAX_PLANE_DIMENSION)));
        }
        for (Map.Entry<String, PlaneSize> e : planeOfRole.entrySet()) {
            if (!planes.contains(e.getValue())) {
                throw new PackException(pack, "/roles/" + e.getKey(), "a plane listed in /planes " + planes,
                        e.getValue().toString());
            }
        }
        JsonNode lt = r.object(m, "/latent");
        LatentShape latent = new LatentShape(r.integer(lt, "/latent/channels", 1, Limits.MAX_LATENT_CHANNELS),
                r.integer(lt, "/latent/height", 1, Limits.MAX_LATENT_DIMENSION),
                r.integer(lt, "/latent/width", 1, Limits.MAX_LATENT_DIMENSION));

        JsonNode ns = r.object(m, "/noise_schedule");
        String kind = r.text(ns, "/noise_schedule/kind");
        if (!SCHEDULES.contains(kind)) throw new PackException(pack, "/noise_schedule/kind", "one of " + SCHEDULES, kind);
        NoiseSchedule schedule = new NoiseSchedule(kind, r.integer(ns, "/noise_schedule/timesteps", 1, 100_000),
                r.decimal(ns, "/noise_schedule/beta_start"), r.decimal(ns, "/noise_schedule/beta_end"));

        String tokenizer = null;
        if (m.has("tokenizer")) {
            tokenizer = r.text(m, "/tokenizer");
            r.listed(files, tokenizer, "/tokenizer");
        } else if (roles.containsKey(PackRole.TEXT_ENCODER)) {
            throw new PackException(pack, "/tokenizer", "a tokenizer.json for the text_encoder", "none");
        }

        JsonNode ks = r.object(m, "/keyframe_selection");
        KeyframeSelection selection = new KeyframeSelection(r.decimal(ks, "/keyframe_selection/lambda1"),
                r.decimal(ks, "/keyframe_selection/lambda2"), r.decimal(ks, "/keyframe_selection/threshold"),
                r.integer(ks, "/keyframe_selection/max_clip_frames", 1, Limits.MAX_CLIP_FRAMES));

        int samplerSteps = 0;
        if (m.has("sampling")) {
            JsonNode sm = r.object(m, "/sampling");
            samplerSteps = r.integer(sm, "/sampling/steps", 1, Math.min(Limits.MAX_SAMPLER_STEPS, schedule.timesteps()));
        }

        byte[] identity;
        try {
            identity = sha256(CanonicalJson.of(m).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new PackException(pack, MANIFEST, "integers and decimal strings only", e.getMessage());
        }
        for (PackFile f : files.values()) checkFile(dir, pack, f);
        return new ModelPack(dir, name, version, identity, Collections.unmodifiableMap(files),
                Collections.unmodifiableMap(roles), Collections.unmodifiableMap(planeRoles), codebook, List.copyOf(planes),
                latent, schedule, tokenizer, selection, samplerSteps);
    }

    private static String roleNames() {
        List<String> n = new ArrayList<>();
        for (PackRole r : PackRole.values()) n.add(r.manifestName());
        return n.toString();
    }

    /** Pack files are plain relative paths inside the pack: no absolute path, no "..", no backslash. */
    private static void checkRelative(String pack, String at, String path) throws PackException {
        boolean bad = path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0");
        for (String part : path.split("/")) bad |= part.isEmpty() || part.equals("..") || part.equals(".");
        if (bad) throw new PackException(pack, at, "a relative path inside the pack", '"' + path + '"');
    }

    private static void checkFile(Path dir, String pack, PackFile f) throws IOException {
        Path p = dir.resolve(f.path());
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new PackException(pack, f.path(), "a regular file (listed in the manifest)", "none");
        }
        long size = Files.size(p);
        if (size != f.sizeBytes()) throw new PackException(pack, f.path(), f.sizeBytes() + " bytes", size + " bytes");
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String got = HexFormat.of().formatHex(md.digest());
        if (!got.equals(f.sha256())) throw new PackException(pack, f.path(), "sha256 " + f.sha256(), got);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    static byte[] sha256(byte[] b) { return sha256().digest(b); }

    /** SHA-256 of the canonical manifest: what a stream's pack_sha256 holds. */
    public byte[] identity() { return identity.clone(); }

    public String identityHex() { return HexFormat.of().formatHex(identity); }

    public Path directory() { return dir; }

    public String name() { return name; }

    public String version() { return version; }

    public Map<String, PackFile> files() { return files; }

    public Map<PackRole, RoleSpec> roles() { return roles; }

    /** The network file of {@code role}, or null for an optional role the pack leaves out. */
    public Path file(PackRole role) {
        RoleSpec s = roles.get(role);
        return s == null ? null : dir.resolve(s.file());
    }

    /** The network file of {@code spec}, one of this pack's roles. */
    public Path file(RoleSpec spec) { return dir.resolve(spec.file()); }

    /**
     * The network of {@code role} for index planes of {@code plane}: the plane's own ({@code post_encoder.WxH},
     * {@code upsampler.WxH}) where the pack has one, else the role's (spec/model-pack.md 3.1).
     */
    public RoleSpec role(PackRole role, PlaneSize plane) {
        RoleSpec own = PER_PLANE.contains(role) ? planeRoles.get(role.manifestName() + "." + plane) : null;
        return own != null ? own : roles.get(role);
    }

    /** The per-plane networks ({@code post_encoder.64x40} ...) by their key in {@code roles}. */
    public Map<String, RoleSpec> planeRoles() { return planeRoles; }

    public Codebook codebook() { return codebook; }

    public List<PlaneSize> planes() { return planes; }

    public LatentShape latent() { return latent; }

    public NoiseSchedule noiseSchedule() { return noiseSchedule; }

    /** The sampler steps the pack recommends to encoders ({@code sampling.steps}), or 0 when it declares none. */
    public int samplerSteps() { return samplerSteps; }

    /** The tokenizer.json of the text encoder, or null when the pack has none. */
    public Path tokenizer() { return tokenizer == null ? null : dir.resolve(tokenizer); }

    public KeyframeSelection keyframeSelection() { return keyframeSelection; }

    /**
     * Checks that this pack can decode a stream: same identity (unless {@code force}), and in any case a codebook,
     * plane size and latent shape the networks were built for.
     *
     * @throws PackException naming the stream's pack when they differ
     */
    public void checkStream(StreamHeader sh, boolean force) throws PackException {
        String pack = dir.toString();
        if (!force && !java.util.Arrays.equals(sh.packSha256(), identity)) {
            throw new PackException(pack, "identity", "the pack the stream was encoded with, \"" + sh.packName()
                    + "\" " + sh.packSha256Hex() + " (use --force-pack to decode anyway)", "\"" + name + "\" "
                    + identityHex());
        }
        if (sh.codebookSize() != codebook.vectors()) {
            throw new PackException(pack, "/codebook/vectors", "codebook_size " + sh.codebookSize() + " of the stream",
                    Integer.toString(codebook.vectors()));
        }
        if (!planes.contains(new PlaneSize(sh.planeWidth(), sh.planeHeight()))) {
            throw new PackException(pack, "/planes", "a plane of " + sh.planeWidth() + "x" + sh.planeHeight()
                    + " (the stream's)", planes.toString());
        }
        LatentShape l = new LatentShape(sh.latentChannels(), sh.latentHeight(), sh.latentWidth());
        if (!l.equals(latent)) {
            throw new PackException(pack, "/latent", "the stream's latent " + l, latent.toString());
        }
    }

    /** Typed reads of manifest fields, each failure naming its JSON pointer. */
    private record Manifest(String pack, JsonNode root) {
        private JsonNode field(JsonNode parent, String pointer) throws PackException {
            String key = pointer.substring(pointer.lastIndexOf('/') + 1);
            JsonNode n = parent == null ? null : parent.get(key);
            if (n == null || n.isNull()) throw new PackException(pack, pointer, "a value", "none");
            return n;
        }

        String text(JsonNode parent, String pointer) throws PackException {
            JsonNode n = field(parent, pointer);
            if (!n.isTextual()) throw new PackException(pack, pointer, "a string", n.toString());
            return n.asText();
        }

        JsonNode object(JsonNode parent, String pointer) throws PackException {
            JsonNode n = field(parent, pointer);
            if (!n.isObject()) throw new PackException(pack, pointer, "an object", n.toString());
            return n;
        }

        JsonNode array(JsonNode parent, String pointer) throws PackException {
            JsonNode n = field(parent, pointer);
            if (!n.isArray()) throw new PackException(pack, pointer, "an array", n.toString());
            return n;
        }

        long longInteger(JsonNode parent, String pointer, long min, long max) throws PackException {
            JsonNode n = field(parent, pointer);
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
                throw new PackException(pack, pointer, "an integer in " + min + ".." + max, n.toString());
            }
            return n.asLong();
        }

        int integer(JsonNode parent, String pointer, int min, int max) throws PackException {
            return (int) longInteger(parent, pointer, min, max);
        }

        BigDecimal decimal(JsonNode parent, String pointer) throws PackException {
            String s = text(parent, pointer);
            if (!s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                throw new PackException(pack, pointer, "a decimal number as a string", '"' + s + '"');
            }
            return new BigDecimal(s);
        }

        PackFile listed(Map<String, PackFile> files, String file, String pointer) throws PackException {
            PackFile f = files.get(file);
            if (f == null) throw new PackException(pack, pointer, "a file listed in /files", '"' + file + '"');
            return f;
        }

        List<TensorSpec> tensors(JsonNode parent, String pointer) throws PackException {
            JsonNode a = array(parent, pointer);
            List<TensorSpec> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                String at = pointer + "/" + i;
                String name = text(a.get(i), at + "/name");
                String dtype = text(a.get(i), at + "/dtype");
                if (!DTYPES.contains(dtype)) throw new PackException(pack, at + "/dtype", "one of " + DTYPES, dtype);
                JsonNode shape = array(a.get(i), at + "/shape");
                List<Long> dims = new ArrayList<>();
                for (int d = 0; d < shape.size(); d++) {
                    JsonNode v = shape.get(d);
                    if (!v.isIntegralNumber() || v.asLong() < -1 || v.asLong() == 0) {
                        throw new PackException(pack, at + "/shape/" + d, "a positive size or -1 (dynamic)", v.toString());
                    }
                    dims.add(v.asLong());
                }
                out.add(new TensorSpec(name, dtype, List.copyOf(dims)));
            }
            return List.copyOf(out);
        }
    }
}
