// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Kusabi key registry
/// @notice Consortium registry of device and artifact public keys, found by an opaque kusabi-ID.
///         Members write, anyone reads; every change is an event so that the full history of every
///         key can be rebuilt from logs alone.
contract KeyRegistry {
    enum Purpose { None, Pre, Act, Art }
    enum Algorithm { None, X25519, Ed25519 }
    enum Status { None, Active, Consumed, Revoked }

    /// @dev Revocation reasons are codes so that the record stays in four storage slots.
    uint8 public constant REASON_UNSPECIFIED = 0;
    uint8 public constant REASON_COMPROMISED = 1;
    uint8 public constant REASON_UNDELIVERED = 2;
    uint8 public constant REASON_SUPERSEDED = 3;
    uint8 public constant REASON_DECOMMISSIONED = 4;
    uint8 public constant REASON_CLONE_SUSPECTED = 5;
    uint8 public constant REASON_ACTIVATED = 6; // used for pre-key consumption

    struct KeyInput {
        bytes32 id;
        Purpose purpose;
        Algorithm algorithm;
        bytes32 publicKey;
        bytes32 deviceRef;
    }

    struct Revocation {
        bytes32 id;
        uint8 reason;
    }

    struct KeyRecord {
        bytes32 publicKey;
        bytes32 deviceRef;
        address registrar;
        Purpose purpose;
        Algorithm algorithm;
        Status status;
        uint8 reason;
        uint64 registeredBlock;
        uint64 statusBlock;
    }

    struct Release {
        uint64 version;
        bytes32 manifestHash;
        bytes32 artKeyId;
        uint64 anchoredBlock;
    }

    address public admin;
    mapping(address => bool) public isMember;
    mapping(bytes32 => KeyRecord) private _keys;
    mapping(bytes32 => Release) private _releases;

    event AdminTransferred(address indexed previousAdmin, address indexed newAdmin);
    event MemberAdded(address indexed member, address indexed by);
    event MemberRemoved(address indexed member, address indexed by);
    event KeyRegistered(
        bytes32 indexed id,
        bytes32 indexed deviceRef,
        Purpose purpose,
        Algorithm algorithm,
        bytes32 publicKey,
        address registrar
    );
    event KeyStatusChanged(bytes32 indexed id, Status from, Status to, uint8 reason, address by);
    event ReleaseAnchored(
        bytes32 indexed product,
        uint64 version,
        bytes32 manifestHash,
        bytes32 artKeyId,
        address by
    );

    error NotAdmin(address caller);
    error NotMember(address caller);
    error ZeroAddress();
    error InvalidKey(bytes32 id);
    error KeyConflict(bytes32 id);
    error UnknownKey(bytes32 id);
    error InvalidTransition(bytes32 id, Status current, Status requested);
    error WrongPurpose(bytes32 id, Purpose actual, Purpose expected);
    error VersionNotIncreasing(bytes32 product, uint64 latest, uint64 offered);

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    modifier onlyMember() {
        if (!isMember[msg.sender]) revert NotMember(msg.sender);
        _;
    }

    constructor() {
        admin = msg.sender;
        emit AdminTransferred(address(0), msg.sender);
        isMember[msg.sender] = true;
        emit MemberAdded(msg.sender, msg.sender);
    }

    // ---- consortium membership ----

    function transferAdmin(address newAdmin) external onlyAdmin {
        if (newAdmin == address(0)) revert ZeroAddress();
        emit AdminTransferred(admin, newAdmin);
        admin = newAdmin;
    }

    function addMember(address member) external onlyAdmin {
        if (member == address(0)) revert ZeroAddress();
        if (isMember[member]) return;
        isMember[member] = true;
        emit MemberAdded(member, msg.sender);
    }

    function removeMember(address member) external onlyAdmin {
        if (!isMember[member]) return;
        isMember[member] = false;
        emit MemberRemoved(member, msg.sender);
    }

    // ---- writes ----

    function registerKeys(KeyInput[] calldata keys) external onlyMember {
        _register(keys);
    }

    function consumeKeys(bytes32[] calldata preIds) external onlyMember {
        _consume(preIds);
    }

    function revokeKeys(Revocation[] calldata revocations) external onlyMember {
        _revoke(revocations);
    }

    /// @notice Registrations, then consumptions, then revocations, atomically in one transaction.
    ///         Lets a gateway fold unrelated callers' changes into as few transactions as possible.
    function applyBatch(
        KeyInput[] calldata keys,
        bytes32[] calldata preIds,
        Revocation[] calldata revocations
    ) external onlyMember {
        _register(keys);
        _consume(preIds);
        _revoke(revocations);
    }

    function anchorRelease(bytes32 product, uint64 version, bytes32 manifestHash, bytes32 artKeyId)
        external
        onlyMember
    {
        KeyRecord storage art = _keys[artKeyId];
        if (art.status == Status.None) revert UnknownKey(artKeyId);
        if (art.purpose != Purpose.Art) revert WrongPurpose(artKeyId, art.purpose, Purpose.Art);
        if (art.status != Status.Active) revert InvalidTransition(artKeyId, art.status, Status.Active);
        Release storage latest = _releases[product];
        if (version <= latest.version) revert VersionNotIncreasing(product, latest.version, version);
        _releases[product] = Release(version, manifestHash, artKeyId, uint64(block.number));
        emit ReleaseAnchored(product, version, manifestHash, artKeyId, msg.sender);
    }

    // ---- reads ----

    function getKey(bytes32 id) external view returns (KeyRecord memory) {
        KeyRecord storage record = _keys[id];
        if (record.status == Status.None) revert UnknownKey(id);
        return record;
    }

    function latestRelease(bytes32 product) external view returns (Release memory) {
        return _releases[product];
    }

    // ---- internals ----

    function _register(KeyInput[] calldata keys) private {
        for (uint256 i = 0; i < keys.length; i++) {
            KeyInput calldata k = keys[i];
            if (
                k.id == bytes32(0) || k.publicKey == bytes32(0) || k.purpose == Purpose.None
                    || k.algorithm == Algorithm.None || (k.purpose == Purpose.Art) != (k.deviceRef == bytes32(0))
            ) revert InvalidKey(k.id);
            KeyRecord storage existing = _keys[k.id];
            if (existing.status != Status.None) {
                if (
                    existing.publicKey == k.publicKey && existing.purpose == k.purpose
                        && existing.algorithm == k.algorithm && existing.deviceRef == k.deviceRef
                ) continue; // idempotent re-registration
                revert KeyConflict(k.id);
            }
            existing.publicKey = k.publicKey;
            if (k.deviceRef != bytes32(0)) existing.deviceRef = k.deviceRef;
            existing.registrar = msg.sender;
            existing.purpose = k.purpose;
            existing.algorithm = k.algorithm;
            existing.status = Status.Active;
            existing.registeredBlock = uint64(block.number);
            emit KeyRegistered(k.id, k.deviceRef, k.purpose, k.algorithm, k.publicKey, msg.sender);
        }
    }

    function _consume(bytes32[] calldata preIds) private {
        for (uint256 i = 0; i < preIds.length; i++) {
            bytes32 id = preIds[i];
            KeyRecord storage record = _keys[id];
            if (record.status == Status.None) revert UnknownKey(id);
            if (record.purpose != Purpose.Pre) revert WrongPurpose(id, record.purpose, Purpose.Pre);
            _transition(id, record, Status.Consumed, REASON_ACTIVATED);
        }
    }

    function _revoke(Revocation[] calldata revocations) private {
        for (uint256 i = 0; i < revocations.length; i++) {
            bytes32 id = revocations[i].id;
            KeyRecord storage record = _keys[id];
            if (record.status == Status.None) revert UnknownKey(id);
            _transition(id, record, Status.Revoked, revocations[i].reason);
        }
    }

    /// @dev Only an active key may change, and only once: consumed and revoked are final.
    function _transition(bytes32 id, KeyRecord storage record, Status to, uint8 reason) private {
        Status from = record.status;
        if (from != Status.Active) revert InvalidTransition(id, from, to);
        record.status = to;
        record.reason = reason;
        record.statusBlock = uint64(block.number);
        emit KeyStatusChanged(id, from, to, reason, msg.sender);
    }
}
